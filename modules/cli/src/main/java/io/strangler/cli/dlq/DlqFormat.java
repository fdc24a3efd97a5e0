package io.strangler.cli.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How {@code strangler dlq} prints dead letters: one line each, as text for people or as JSON lines for scripts, and a
 * summary. Error messages are printed as the components wrote them, already scrubbed of credentials; the payload is
 * never printed (only its format and size), since it holds row values.
 */
enum DlqFormat {
    TEXT, JSON;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    String line(DlqEntry entry) {
        return this == TEXT ? text(entry) : json(entry);
    }

    /** e.g. {@code 3 dead letters; by component: apply=2, sync=1; by table: public.orders=3}. */
    static String summary(List<DlqEntry> entries) {
        return entries.size() + (entries.size() == 1 ? " dead letter" : " dead letters")
                + (entries.isEmpty() ? "" : "; by component: " + counts(entries.stream()
                        .collect(Collectors.groupingBy(DlqEntry::component, TreeMap::new, Collectors.counting())))
                + "; by table: " + counts(entries.stream().collect(Collectors.groupingBy(
                        entry -> entry.table().orElse("-"), TreeMap::new, Collectors.counting()))));
    }

    private static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String text(DlqEntry entry) {
        return String.join("  ", entry.position(), entry.failedAt().toString(), entry.component(), entry.source(),
                or(entry.table()), or(entry.key()), or(entry.sqlState()), oneLine(entry.errorMessage()));
    }

    private static String json(DlqEntry entry) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("partition", entry.partition())
                .put("offset", entry.offset())
                .put("failedAt", entry.failedAt().toString())
                .put("component", entry.component())
                .put("source", entry.source());
        node.put("topic", entry.topic().orElse(null));
        node.put("table", entry.table().orElse(null));
        node.put("key", entry.key().orElse(null));
        node.put("sqlState", entry.sqlState().orElse(null));
        node.put("errorClass", entry.errorClass());
        node.put("errorMessage", entry.errorMessage());
        node.put("payloadFormat", entry.payloadFormat().orElse(null));
        node.put("payloadBytes", entry.payload().map(bytes -> bytes.length).orElse(0));
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render dead letter " + entry.position(), e);
        }
    }

    private static String or(Optional<String> value) {
        return value.filter(v -> !v.isEmpty()).orElse("-");
    }

    /** A message over several lines (a driver's detail) would break one-line-per-letter for grep. */
    private static String oneLine(String message) {
        return message == null ? "-" : message.replaceAll("\\s*\\R\\s*", " ");
    }
}
