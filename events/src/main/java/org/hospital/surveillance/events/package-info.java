/**
 * The platform's event vocabulary: every fact a hospital submits, as an immutable record named in
 * the past tense. Events carry the facts as submitted and nothing derived (onset, compliance and
 * rates are computed by the rules and projections). Each stream has a value record for the fact
 * itself (e.g. {@code LabResult}) that both its "recorded" and its "amended" event carry, so an
 * amendment restates the whole fact and projections simply take the latest version.
 */
package org.hospital.surveillance.events;
