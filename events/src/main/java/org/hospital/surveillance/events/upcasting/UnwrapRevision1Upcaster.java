package org.hospital.surveillance.events.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Brings a revision-1 "recorded", "amended" or "corrected" event forward to revision 2. Revision 1
 * wrapped the whole fact under one key ({@code {"labResult":{...}}}, {@code report}, {@code census},
 * {@code sample}, {@code load}); revision 2 is the fact's fields themselves, flat, under the same
 * names. Nothing else changed between the two, so the fact is taken out of its wrapper as it is.
 *
 * <p>Works on Jackson's tree only, like {@link FlatRevision0Upcaster}, which comes before it in
 * the chain for the streams that have a revision 0.
 */
public final class UnwrapRevision1Upcaster extends SingleEventUpcaster {

    private final SerializedType revision1;
    private final SerializedType revision2;
    private final String wrapper;

    public UnwrapRevision1Upcaster(Class<?> eventType, String wrapper) {
        this.revision1 = new SimpleSerializedType(eventType.getName(), "1");
        this.revision2 = new SimpleSerializedType(eventType.getName(), "2");
        this.wrapper = wrapper;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return revision1.equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(revision2, JsonNode.class, this::toRevision2);
    }

    private JsonNode toRevision2(JsonNode revision1Payload) {
        JsonNode fact = revision1Payload.get(wrapper);
        return fact instanceof ObjectNode object ? object.deepCopy() : JsonNodeFactory.instance.objectNode();
    }
}
