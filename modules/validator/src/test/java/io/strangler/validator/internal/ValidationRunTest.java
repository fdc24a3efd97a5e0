package io.strangler.validator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidationRunTest {

    @Test
    void shouldTellLoopbackDatabasesFromRemoteOnesForTheAutomaticMode() {
        assertThat(ValidationRun.isLoopbackUrl("jdbc:postgresql://127.0.0.1:5432/shop")).isTrue();
        assertThat(ValidationRun.isLoopbackUrl("jdbc:mariadb://localhost/orders?user=x")).isTrue();
        assertThat(ValidationRun.isLoopbackUrl("jdbc:postgresql://[::1]:5432/shop")).isTrue();
        assertThat(ValidationRun.isLoopbackUrl("jdbc:postgresql://10.1.2.3:5432/shop")).isFalse();
        assertThat(ValidationRun.isLoopbackUrl("not a url")).isFalse();
    }
}
