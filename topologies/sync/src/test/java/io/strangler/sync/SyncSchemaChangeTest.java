package io.strangler.sync;

import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static io.strangler.schemas.Operation.CREATE;
import static io.strangler.schemas.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.sync.internal.TranslateProcessor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A column added to a table while the sync runs is not in the mapping the sync resolved at start-up: its values stay
 * behind. The sync keeps syncing the mapped columns and says so, loudly and once per column, with a metric to alert on.
 */
class SyncSchemaChangeTest {

    private final SyncFixture sync = new SyncFixture(ConflictStrategy.DEFAULT);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(TranslateProcessor.class);
    private Level configuredLevel;

    @BeforeEach
    void listen() {
        log.start();
        configuredLevel = logger.getLevel();
        logger.setLevel(Level.WARN); // logback-test.xml quiets the sync's internals to ERROR
        logger.addAppender(log);
    }

    @AfterEach
    void close() {
        logger.detachAppender(log);
        logger.setLevel(configuredLevel);
        sync.close();
    }

    @Test
    void columnAddedAfterStartIsReportedOnceAndTheMappedColumnsStillSync() {
        // Given: the monolith's customer table gained loyalty_points after the sync resolved its mapping
        Map<String, Object> first = new LinkedHashMap<>(SyncFixture.monolithRow(1, "Ada", "ada@x"));
        first.put("loyalty_points", 10L);
        Map<String, Object> second = new LinkedHashMap<>(SyncFixture.monolithRow(1, "Ada L.", "ada@x"));
        second.put("loyalty_points", 20L);

        // When: two changes carry it
        sync.pipe(MONOLITH, sync.change(MONOLITH, CREATE, 1, first, 1_000));
        sync.pipe(MONOLITH, sync.change(MONOLITH, UPDATE, 1, second, 2_000));

        // Then: both changes are applied on their mapped columns, and the new column is reported once
        var applies = sync.applies(SERVICE);
        assertThat(applies).hasSize(2);
        assertThat(applies.get(1).value.getRow()).containsEntry("full_name", "Ada L.").doesNotContainKey("loyalty_points");
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .contains("'loyalty_points'", "public.customer", "mapping 'customers'", "NOT synchronised",
                        "restart the sync");
        assertThat(sync.metric("unmapped-columns-total", Map.of("mapping", "customers", "side", "monolith")))
                .isEqualTo(1.0);
        assertThat(sync.deadLetters()).isEmpty();
    }

    @Test
    void declaredOneSidedColumnsAreNotReported() {
        // When: rows carrying the monolith-only legacy_code and the service-only tier
        sync.write(MONOLITH, CREATE, 1, "Ada", "ada@x", 1_000);
        sync.write(SERVICE, CREATE, 2, "Bob", "bob@x", 1_000);

        // Then
        assertThat(log.list).isEmpty();
        assertThat(sync.metric("unmapped-columns-total", Map.of())).isZero();
    }
}
