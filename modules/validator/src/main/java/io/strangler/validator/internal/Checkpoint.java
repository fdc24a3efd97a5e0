package io.strangler.validator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strangler.validator.Discrepancy;
import io.strangler.validator.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The resumable state of a run, in a JSON file rewritten atomically (temp file + move) after every finished segment:
 * the run's identity and settings, each table's mode and segment plan, and the outcome of every finished segment. A
 * resumed run reuses the stored plan, so it compares exactly the same segments and produces the same report.
 */
public final class Checkpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A table's plan: the mode used and its top-level segments in order. */
    public record TableState(String mode, List<String> segments, Map<String, SegmentOutcome> done) {
    }

    private final Path file;
    private final String runId;
    private final Instant started;
    private final String fingerprint;
    private final Map<String, TableState> tables = new LinkedHashMap<>();

    private Checkpoint(Path file, String runId, Instant started, String fingerprint) {
        this.file = file;
        this.runId = runId;
        this.started = started;
        this.fingerprint = fingerprint;
    }

    /**
     * Loads {@code file} when it exists and was written by a run with the same {@code fingerprint}; otherwise starts a
     * new run. A {@code null} file keeps the state in memory only.
     */
    public static Checkpoint openOrCreate(Path file, String fingerprint) {
        if (file == null || !Files.exists(file)) {
            return new Checkpoint(file, UUID.randomUUID().toString(), Instant.now(), fingerprint);
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            String stored = root.path("fingerprint").asText();
            if (!stored.equals(fingerprint)) {
                throw new ValidationException("checkpoint " + file + " belongs to a different validation (" + stored
                        + ", this one is " + fingerprint + "): delete it or use another checkpoint file");
            }
            Checkpoint checkpoint = new Checkpoint(file, root.get("runId").asText(),
                    Instant.parse(root.get("started").asText()), fingerprint);
            root.get("tables").fields().forEachRemaining(entry -> checkpoint.tables.put(entry.getKey(), readTable(entry.getValue())));
            return checkpoint;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ValidationException validation) {
                throw validation;
            }
            throw new ValidationException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    public String runId() {
        return runId;
    }

    public Instant started() {
        return started;
    }

    public synchronized boolean resumed(String table) {
        return tables.containsKey(table);
    }

    public synchronized TableState table(String table) {
        return tables.get(table);
    }

    /** Records a table's plan (once; a resumed table keeps its stored plan). */
    public synchronized TableState plan(String table, String mode, List<String> segments) {
        return tables.computeIfAbsent(table, name -> new TableState(mode, List.copyOf(segments), new LinkedHashMap<>()));
    }

    public synchronized void done(String table, String segment, SegmentOutcome outcome) {
        tables.get(table).done().put(segment, outcome);
        save();
    }

    public synchronized void save() {
        if (file == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", runId).put("started", started.toString()).put("fingerprint", fingerprint);
        ObjectNode tablesNode = root.putObject("tables");
        tables.forEach((name, state) -> {
            ObjectNode table = tablesNode.putObject(name);
            table.put("mode", state.mode());
            ArrayNode segments = table.putArray("segments");
            state.segments().forEach(segments::add);
            ObjectNode done = table.putObject("done");
            state.done().forEach((segment, outcome) -> done.set(segment, writeOutcome(outcome)));
        });
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            JSON.writeValue(temp.toFile(), root);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ValidationException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the file after a run that completed. */
    public void delete() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new ValidationException("cannot delete checkpoint " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static ObjectNode writeOutcome(SegmentOutcome outcome) {
        ObjectNode node = JSON.createObjectNode();
        node.put("monolithRows", outcome.monolithRows()).put("serviceRows", outcome.serviceRows())
                .put("matching", outcome.matching()).put("missingOnService", outcome.missingOnService())
                .put("missingOnMonolith", outcome.missingOnMonolith()).put("differing", outcome.differing())
                .put("truncated", outcome.truncated()).put("rowsMerged", outcome.rowsMerged());
        ArrayNode details = node.putArray("details");
        outcome.details().forEach(discrepancy -> details.add(JsonValues.discrepancy(discrepancy)));
        return node;
    }

    private static TableState readTable(JsonNode node) {
        List<String> segments = new ArrayList<>();
        node.get("segments").forEach(segment -> segments.add(segment.asText()));
        Map<String, SegmentOutcome> done = new LinkedHashMap<>();
        node.get("done").fields().forEachRemaining(entry -> {
            JsonNode o = entry.getValue();
            List<Discrepancy> details = new ArrayList<>();
            o.get("details").forEach(detail -> details.add(JsonValues.toDiscrepancy(detail)));
            done.put(entry.getKey(), new SegmentOutcome(o.get("monolithRows").asLong(), o.get("serviceRows").asLong(),
                    o.get("matching").asLong(), o.get("missingOnService").asLong(), o.get("missingOnMonolith").asLong(),
                    o.get("differing").asLong(), details, o.get("truncated").asBoolean(), o.get("rowsMerged").asLong()));
        });
        return new TableState(node.get("mode").asText(), segments, done);
    }
}
