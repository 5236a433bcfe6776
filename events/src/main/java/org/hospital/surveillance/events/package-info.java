/**
 * The platform's event vocabulary: every fact a hospital submits, as a small immutable record named
 * in the past tense, its fields flat. Events carry the facts as submitted and nothing derived (onset,
 * compliance and rates are computed by the rules and projections). Each stream also has a value
 * record for the fact itself (e.g. {@code LabResult}) that the aggregate and the rules take; its
 * "recorded" and "amended" events state the whole fact, field by field, so an amendment restates
 * the whole fact and projections simply take the latest version. The value records and the enums
 * carry no framework annotation, so the rules can use them without Axon on their classpath.
 *
 * <p>Each stream package keeps the upcasters of its stored events beside them
 * ({@code LabResultUpcasters}, ...); {@link org.hospital.surveillance.events.StoredEventUpcasters}
 * lists them all.
 */
package org.hospital.surveillance.events;
