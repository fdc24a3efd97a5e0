package io.strangler.cli.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** Dead letters as the components write them, for the unit tests. */
final class DlqEntries {

    static final Instant FAILED = Instant.parse("2026-12-07T09:30:00.123456Z");

    private DlqEntries() {}

    /** Apply's: a record of strangler.apply.service, its key and Avro bytes as read. */
    static DlqEntry apply(long offset, String table) {
        return new DlqEntry(0, offset, "apply", "service", Optional.of("strangler.apply.service"), Optional.of(2),
                Optional.of(40L), Optional.of(table), Optional.of("{\"id\":1}"), Optional.of(new byte[] {0, 0, 0, 0, 1, 2}),
                Optional.of("confluent-avro"), "org.postgresql.util.PSQLException",
                "relation \"orders\" does not exist", Optional.of("42P01"), FAILED);
    }

    /** Capture's: nothing was published, the Debezium record is kept as JSON. */
    static DlqEntry capture(long offset) {
        return new DlqEntry(0, offset, "capture", "monolith", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("public.orders"), Optional.of("{\"id\":2}"),
                Optional.of("{\"id\":2}".getBytes(StandardCharsets.UTF_8)), Optional.of("json"),
                "io.strangler.capture.internal.ConversionException", "column total: not a decimal", Optional.empty(),
                FAILED.plusSeconds(60));
    }
}
