package org.hospital.surveillance.rules;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rules are plain Java: the event vocabulary's framework stays off their classpath. */
@Timeout(10)
class PlainJavaTest {

    @Test
    void axonIsNotOnTheRulesClasspath() {
        assertThatThrownBy(() -> Class.forName("org.axonframework.serialization.Revision"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.axonframework.modelling.command.AggregateLifecycle"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
