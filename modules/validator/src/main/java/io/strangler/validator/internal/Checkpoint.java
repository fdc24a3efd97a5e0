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
 * The resumable state of a run, as JSON lines appended to a file: first the run's identity and settings with each
 * table's mode and segment plan, then one line per finished segment with its outcome, forced to disk before the
 * segment counts as done. Appending keeps the cost per segment independent of the run's size; a line cut short by a
 * crash is ignored on resume (that segment is compared again). A resumed run reuses the stored plan, so it compares
 * exactly the same segments and produces the same report.
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
    private boolean headerWritten;

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
            List<String> lines = Files.readAllLines(file);
            JsonNode root = JSON.readTree(lines.get(0));
            String stored = root.path("fingerprint").asText();
            if (!stored.equals(fingerprint)) {
                throw new ValidationException("checkpoint " + file + " belongs to a different validation (" + stored
                        + ", this one is " + fingerprint + "): delete it or use another checkpoint file");
            }
            Checkpoint checkpoint = new Checkpoint(file, root.get("runId").asText(),
                    Instant.parse(root.get("started").asText()), fingerprint);
            root.get("tables").fields().forEachRemaining(entry -> checkpoint.tables.put(entry.getKey(), readTable(entry.getValue())));
            for (String line : lines.subList(1, lines.size())) {
                JsonNode done;
                try {
                    done = JSON.readTree(line);
                } catch (IOException torn) {
                    continue; // the last line of a run killed mid-write
                }
                if (done != null && done.has("table")) {
                    checkpoint.tables.get(done.get("table").asText()).done()
                            .put(done.get("segment").asText(), readOutcome(done.get("outcome")));
                }
            }
            checkpoint.headerWritten = true;
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                Files.writeString(file, "\n", java.nio.file.StandardOpenOption.APPEND); // end the torn line
            }
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
        if (file != null) {
            ObjectNode line = JSON.createObjectNode().put("table", table).put("segment", segment);
            line.set("outcome", writeOutcome(outcome));
            append(line);
        }
    }

    /** Writes the header (identity and plans) once, when the run starts; a resumed run keeps its file. */
    public synchronized void save() {
        if (file == null || headerWritten) {
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
        });
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.writeString(temp, JSON.writeValueAsString(root) + "\n");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            headerWritten = true;
        } catch (IOException e) {
            throw new ValidationException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private void append(ObjectNode line) {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            channel.force(false);
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
        return new TableState(node.get("mode").asText(), segments, new LinkedHashMap<>());
    }

    private static SegmentOutcome readOutcome(JsonNode o) {
        List<Discrepancy> details = new ArrayList<>();
        o.get("details").forEach(detail -> details.add(JsonValues.toDiscrepancy(detail)));
        return new SegmentOutcome(o.get("monolithRows").asLong(), o.get("serviceRows").asLong(),
                o.get("matching").asLong(), o.get("missingOnService").asLong(), o.get("missingOnMonolith").asLong(),
                o.get("differing").asLong(), details, o.get("truncated").asBoolean(), o.get("rowsMerged").asLong());
    }
}
