package io.strangler.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** Runs two test classes and checks each got its own database on the same server. */
@ExtendWith(EmbeddedPostgresExtension.class)
class DistinctDatabasesIT {

    @Test
    void shouldGiveTwoTestClassesDifferentDatabasesOnOneServer(@Postgres TestDatabase mine) throws SQLException {
        // Given / When
        LauncherDiscoveryRequest discovery = request()
                .selectors(selectClass(FirstPostgresClassIT.class), selectClass(SecondPostgresClassIT.class))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(discovery, listener);

        // Then
        assertThat(listener.getSummary().getTestsFailedCount()).isZero();
        TestDatabase first = DatabaseRegistry.POSTGRES.get(FirstPostgresClassIT.class);
        TestDatabase second = DatabaseRegistry.POSTGRES.get(SecondPostgresClassIT.class);
        assertThat(first.database()).isNotEqualTo(second.database()).isNotEqualTo(mine.database());
        assertThat(first.port()).isEqualTo(second.port());
        try (var connection = first.connect()) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }
}
