package io.strangler.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.schemas.DeadLetter;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void shouldScrubPasswordsFromMessages() {
        // Given a dead-letter writer that knows the configured password
        DeadLetters letters = new DeadLetters(new MockProducer<String, DeadLetter>(), "strangler.sync.dlq", "service", "hunter2");

        // When a driver message echoes credentials
        String scrubbed = letters.scrub("cannot connect to jdbc:x://h/db?user=a&password=hunter2 (password hunter2)");

        // Then neither form survives
        assertThat(scrubbed).doesNotContain("hunter2").contains("password=***");
    }
}
