package org.hospital.surveillance.events.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Brings a revision-0 event forward to revision 1. The first version of the platform (before
 * amendments existed) stored a fact flat in its "recorded" event; revision 1 wrapped the fact in the
 * value record that the "recorded" and "amended" events shared ({@code {"labResult":{...}}}), and
 * some fields were renamed or added on the way. Each subclass says how its fact's fields changed.
 * {@link UnwrapRevision1Upcaster} follows it in the chain and takes the fact out of the wrapper again.
 *
 * <p>Works on Jackson's tree, so it needs nothing of today's classes and keeps working when they
 * change again.
 */
public abstract class FlatRevision0Upcaster extends SingleEventUpcaster {

    private final SerializedType revision0;
    private final SerializedType revision1;
    private final String wrapper;

    protected FlatRevision0Upcaster(Class<?> eventType, String wrapper) {
        this.revision0 = new SimpleSerializedType(eventType.getName(), "0");
        this.revision1 = new SimpleSerializedType(eventType.getName(), "1");
        this.wrapper = wrapper;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return revision0.equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(revision1, JsonNode.class, this::toRevision1);
    }

    private JsonNode toRevision1(JsonNode revision0Payload) {
        ObjectNode fact = revision0Payload.deepCopy();
        reshape(fact);
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.set(wrapper, fact);
        return payload;
    }

    /** Changes the flat revision-0 fact, in place, into the revision-1 fact. */
    protected abstract void reshape(ObjectNode fact);

    protected static void rename(ObjectNode fact, String from, String to) {
        JsonNode value = fact.remove(from);
        if (value != null && !fact.has(to)) {
            fact.set(to, value);
        }
    }
}
