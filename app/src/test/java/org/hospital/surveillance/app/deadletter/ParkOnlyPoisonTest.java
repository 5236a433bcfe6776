package org.hospital.surveillance.app.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;

/** Which failures park a fact: its own, never a store's outage. */
class ParkOnlyPoisonTest {

    private final ParkOnlyPoison policy = new ParkOnlyPoison();
    private final DeadLetter<EventMessage<?>> letter =
            new GenericDeadLetter<>("environment-sample:E-1", GenericEventMessage.asEventMessage("a sample"));

    @Test
    void aFailureOfTheEventItselfParksIt() {
        assertThat(policy.decide(letter, new ClassCastException("applied is not a document")).shouldEnqueue()).isTrue();
        assertThat(policy.decide(letter, new IllegalArgumentException("unknown sample type")).shouldEnqueue()).isTrue();
    }

    @Test
    void anUnreachableStoreIsThrownOnSoTheBatchIsRetried() {
        MongoTimeoutException timeout = new MongoTimeoutException("no server");
        assertThatThrownBy(() -> policy.decide(letter, timeout)).isSameAs(timeout);
        RuntimeException wrapped = new RuntimeException("handler failed",
                new MongoSocketReadException("connection reset", new ServerAddress()));
        assertThatThrownBy(() -> policy.decide(letter, wrapped)).isSameAs(wrapped);
        Exception checked = new Exception("checked", new java.sql.SQLTransientConnectionException("pool exhausted"));
        assertThatThrownBy(() -> policy.decide(letter, checked)).isInstanceOf(IllegalStateException.class).hasCause(checked);
    }
}
