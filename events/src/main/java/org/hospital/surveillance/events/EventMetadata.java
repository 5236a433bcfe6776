package org.hospital.surveillance.events;

/** Metadata keys every event carries besides the time the fact happened. */
public final class EventMetadata {
    /** The authenticated principal that submitted the fact. */
    public static final String PRINCIPAL = "principal";
    /** How the fact arrived: {@link #CHANNEL_HTTP}, {@link #CHANNEL_HL7}, or {@link #CHANNEL_SYSTEM}. */
    public static final String CHANNEL = "channel";
    /** When the platform received the fact (ISO-8601 instant). */
    public static final String RECEIVED_AT = "receivedAt";

    public static final String CHANNEL_HTTP = "HTTP";
    public static final String CHANNEL_HL7 = "HL7";
    /** Facts the platform derives itself, such as alerts raised by a projection. */
    public static final String CHANNEL_SYSTEM = "SYSTEM";

    private EventMetadata() {
    }
}
