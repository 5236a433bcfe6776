/**
 * Pure surveillance rules: hospital onset, environmental limits, sterilization verdicts, rate
 * arithmetic and the cluster rule. Plain Java with no framework, so every clinical number can be
 * pinned by unit tests and reused unchanged by command handlers, projections and what-if replays.
 * Clinical parameters come in settings records whose {@code defaults()} carry the domain.md values.
 */
package org.hospital.surveillance.rules;
