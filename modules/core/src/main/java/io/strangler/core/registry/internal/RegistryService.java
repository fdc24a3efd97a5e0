package io.strangler.core.registry.internal;

import static io.strangler.core.registry.SchemaRegistryException.INCOMPATIBLE_SCHEMA;
import static io.strangler.core.registry.SchemaRegistryException.INVALID_SCHEMA;
import static io.strangler.core.registry.SchemaRegistryException.INVALID_VERSION;
import static io.strangler.core.registry.SchemaRegistryException.SCHEMA_NOT_FOUND;
import static io.strangler.core.registry.SchemaRegistryException.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED;
import static io.strangler.core.registry.SchemaRegistryException.SUBJECT_NOT_FOUND;
import static io.strangler.core.registry.SchemaRegistryException.VERSION_NOT_FOUND;

import io.strangler.core.registry.CompatibilityLevel;
import io.strangler.core.registry.CompatibilityResult;
import io.strangler.core.registry.SchemaRegistryException;
import io.strangler.core.registry.internal.StoreRecord.ConfigEntry;
import io.strangler.core.registry.internal.StoreRecord.SchemaEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state and rules, independent of HTTP: subjects and their versions, global ids, compatibility levels.
 * Every change is appended to the {@link SchemaStore} before it becomes visible. Methods are synchronized: writes are
 * rare and must assign ids and versions one at a time.
 */
public final class RegistryService {

    private static final Logger LOGGER = LoggerFactory.getLogger(RegistryService.class);

    /** A (subject, version) as the API shows it. */
    public record Version(String subject, int version, int id, String schema) {}

    private final SchemaStore store;
    private final Map<String, NavigableMap<Integer, SchemaEntry>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int maxId;

    public RegistryService(SchemaStore store) {
        this.store = store;
        List<StoreRecord> records = store.readAll();
        records.forEach(this::apply);
        LOGGER.debug("Schema registry state loaded from {}: {} records, {} subjects, {} schema ids", store.description(),
                records.size(), subjects.size(), schemasById.size());
    }

    /** Registers the schema under the subject, or returns the id it already has there. */
    public synchronized int register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        String canonical = schema.toString();
        NavigableMap<Integer, SchemaEntry> versions = subjects.getOrDefault(subject, new TreeMap<>());
        for (SchemaEntry entry : versions.values()) {
            if (!entry.deleted() && entry.schema().equals(canonical)) {
                return entry.id();
            }
        }
        CompatibilityResult compatibility = AvroCompatibility.check(level(subject), schema, liveSchemas(subject));
        if (!compatibility.compatible()) {
            throw new SchemaRegistryException(409, INCOMPATIBLE_SCHEMA, "Schema being registered is incompatible with "
                    + "an earlier schema for subject '" + subject + "' (" + level(subject) + "): "
                    + String.join("; ", compatibility.messages()));
        }
        int id = idsBySchema.getOrDefault(canonical, maxId + 1);
        int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        SchemaEntry entry = new SchemaEntry(subject, version, id, canonical, false);
        store.append(entry);
        apply(entry);
        LOGGER.info("Registered subject {} version {} with schema id {}", subject, version, id);
        return id;
    }

    /** The live version of the subject holding this schema. */
    public synchronized Version lookup(String subject, String schemaText) {
        String canonical = parse(schemaText).toString();
        Map<Integer, SchemaEntry> live = live(subject);
        return live.values().stream().filter(e -> e.schema().equals(canonical)).findFirst()
                .map(RegistryService::toVersion)
                .orElseThrow(() -> new SchemaRegistryException(404, SCHEMA_NOT_FOUND,
                        "Schema not found under subject '" + subject + "'."));
    }

    public synchronized List<String> subjects() {
        List<String> names = new ArrayList<>();
        subjects.forEach((name, versions) -> {
            if (versions.values().stream().anyMatch(e -> !e.deleted())) {
                names.add(name);
            }
        });
        return names;
    }

    public synchronized List<Integer> versions(String subject) {
        return List.copyOf(live(subject).keySet());
    }

    /** Version {@code spec} ("latest", "-1" or a number) of the subject. */
    public synchronized Version version(String subject, String spec) {
        return toVersion(entry(subject, spec));
    }

    public synchronized String schemaById(int id) {
        String schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found.");
        }
        return schema;
    }

    /** Every live (subject, version) using the schema id. */
    public synchronized List<Version> versionsOfId(int id) {
        schemaById(id);
        List<Version> found = new ArrayList<>();
        subjects.values().forEach(versions -> versions.values().stream()
                .filter(e -> e.id() == id && !e.deleted()).map(RegistryService::toVersion).forEach(found::add));
        return found;
    }

    /**
     * Checks the schema against one version ({@code spec} not null) in the directions of the subject's level, or
     * against the versions the level selects ({@code spec} null).
     */
    public synchronized CompatibilityResult testCompatibility(String subject, String spec, String schemaText) {
        Schema schema = parse(schemaText);
        CompatibilityLevel level = level(subject);
        if (spec == null) {
            return AvroCompatibility.check(level, schema, liveSchemas(subject));
        }
        SchemaEntry target = entry(subject, spec);
        return AvroCompatibility.check(level, schema, Map.of(target.version(), parse(target.schema())));
    }

    /** The level in force for the subject (its own, else the global one). */
    public synchronized CompatibilityLevel level(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    public synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    /** The subject's own level; 40408 when it has none and {@code defaultToGlobal} is false. */
    public synchronized CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        CompatibilityLevel level = subjectLevels.get(subject);
        if (level == null && !defaultToGlobal) {
            throw new SchemaRegistryException(404, SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
                    "Subject '" + subject + "' does not have subject-level compatibility configured");
        }
        return level == null ? globalLevel : level;
    }

    /** Sets the level of the subject, or the global level when {@code subject} is null; null level clears it. */
    public synchronized void setLevel(String subject, CompatibilityLevel level) {
        if (subject == null && level == null) {
            throw new IllegalArgumentException("The global compatibility level cannot be cleared");
        }
        ConfigEntry entry = new ConfigEntry(subject, level);
        store.append(entry);
        apply(entry);
    }

    /** Soft-deletes every live version of the subject; ids stay resolvable. Returns the deleted versions. */
    public synchronized List<Integer> deleteSubject(String subject) {
        List<Integer> deleted = new ArrayList<>();
        for (SchemaEntry entry : live(subject).values()) {
            SchemaEntry tombstoned = new SchemaEntry(entry.subject(), entry.version(), entry.id(), entry.schema(), true);
            store.append(tombstoned);
            apply(tombstoned);
            deleted.add(entry.version());
        }
        LOGGER.info("Soft-deleted subject {} versions {}", subject, deleted);
        return deleted;
    }

    private void apply(StoreRecord record) {
        if (record instanceof SchemaEntry entry) {
            subjects.computeIfAbsent(entry.subject(), s -> new TreeMap<>()).put(entry.version(), entry);
            schemasById.putIfAbsent(entry.id(), entry.schema());
            idsBySchema.putIfAbsent(entry.schema(), entry.id());
            maxId = Math.max(maxId, entry.id());
        } else if (record instanceof ConfigEntry config) {
            if (config.subject() == null) {
                globalLevel = config.level() == null ? CompatibilityLevel.BACKWARD : config.level();
            } else if (config.level() == null) {
                subjectLevels.remove(config.subject());
            } else {
                subjectLevels.put(config.subject(), config.level());
            }
        }
    }

    private Map<Integer, SchemaEntry> live(String subject) {
        Map<Integer, SchemaEntry> live = new LinkedHashMap<>();
        subjects.getOrDefault(subject, new TreeMap<>()).forEach((v, e) -> {
            if (!e.deleted()) {
                live.put(v, e);
            }
        });
        if (live.isEmpty()) {
            throw new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return live;
    }

    private Map<Integer, Schema> liveSchemas(String subject) {
        Map<Integer, Schema> schemas = new LinkedHashMap<>();
        subjects.getOrDefault(subject, new TreeMap<>()).forEach((v, e) -> {
            if (!e.deleted()) {
                schemas.put(v, parse(e.schema()));
            }
        });
        return schemas;
    }

    private SchemaEntry entry(String subject, String spec) {
        Map<Integer, SchemaEntry> live = live(subject);
        if ("latest".equals(spec) || "-1".equals(spec)) {
            SchemaEntry last = null;
            for (SchemaEntry e : live.values()) {
                last = e;
            }
            return last;
        }
        int version;
        try {
            version = Integer.parseInt(spec);
        } catch (NumberFormatException e) {
            version = 0;
        }
        if (version < 1) {
            throw new SchemaRegistryException(422, INVALID_VERSION, "The specified version '" + spec
                    + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }
        SchemaEntry entry = live.get(version);
        if (entry == null) {
            throw new SchemaRegistryException(404, VERSION_NOT_FOUND,
                    "Version " + version + " not found for subject '" + subject + "'.");
        }
        return entry;
    }

    private static Version toVersion(SchemaEntry e) {
        return new Version(e.subject(), e.version(), e.id(), e.schema());
    }

    static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw new SchemaRegistryException(422, INVALID_SCHEMA, "Invalid schema: the request has no schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | IllegalArgumentException e) {
            throw new SchemaRegistryException(422, INVALID_SCHEMA, "Invalid Avro schema: " + e.getMessage(), e);
        }
    }
}
