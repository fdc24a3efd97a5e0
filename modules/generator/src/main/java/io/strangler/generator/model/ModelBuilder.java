package io.strangler.generator.model;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CheckConstraint;
import io.strangler.core.catalog.Column;
import io.strangler.core.catalog.ForeignKey;
import io.strangler.core.catalog.Table;
import io.strangler.generator.naming.Identifiers;
import io.strangler.generator.naming.NameAllocator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the {@link ApiModel} of a boundary from the catalogue: names (unique, valid Java, clean paths), types,
 * constraints, keys and foreign-key sub-resources. Pure: no I/O; tables are taken in (schema, name) order and
 * names allocated in that order, so the same schema always gives the same model.
 */
public final class ModelBuilder {

    /** Every name a resource's base name is extended with, in the spec and the generated code. */
    public static final List<String> DERIVED_SUFFIXES = List.of("Create", "Update", "Patch", "Page", "Table", "Controller");

    /** Names the generated code or spec already uses: java.lang, imported types, the runtime, shared schemas. */
    static final Set<String> RESERVED_TYPE_NAMES = Set.of("String", "Object", "Record", "Integer", "Long", "Short",
            "Float", "Double", "Boolean", "Byte", "Character", "Math", "System", "Class", "Void", "Number", "Enum",
            "Override", "Deprecated", "SuppressWarnings", "FunctionalInterface", "SafeVarargs", "Iterable", "Runnable",
            "Thread", "Exception", "Error", "RuntimeException", "Throwable", "Comparable", "Cloneable", "AutoCloseable",
            "Process", "Module", "Package", "StringBuilder", "List", "Map", "Optional", "UUID", "BigDecimal",
            "LocalDate", "LocalTime", "LocalDateTime", "OffsetDateTime", "JsonNode", "Application", "Problem",
            "FieldError", "PageLinks", "Column", "Database", "Dialect", "Filter", "Json", "Operator", "Page", "Query",
            "QueryParser", "Repository", "ResourceEndpoints", "Server", "ServiceConfig", "SortKey", "TableDefinition",
            "ValueType", "BodyValidator", "InvalidValueException", "ProblemException", "Javalin", "Context",
            "RoutesConfig", "Health");

    /** Record accessors that would clash with Object's methods, and the list endpoints' own parameters. */
    static final Set<String> RESERVED_FIELD_NAMES = Set.of("hashCode", "toString", "equals", "getClass", "notify",
            "notifyAll", "wait", "clone", "finalize", "limit", "offset", "cursor", "sort", "fields");

    /** Paths the service serves itself. */
    static final Set<String> RESERVED_PATHS = Set.of("health", "openapi.yaml", "openapi.json", "openapi");

    private static final Pattern NUMBER = Pattern.compile("^\\(?(-?\\d+(\\.\\d+)?)\\)?(::[\\w ]+)?$");
    private static final Pattern STRING_LITERAL = Pattern.compile("^'((?:[^']|'')*)'(::[\\w .\"]+)?$");

    private ModelBuilder() {
    }

    public static ApiModel build(String service, String basePackage, Catalog catalog, List<Table> tables) {
        List<String> warnings = new ArrayList<>();
        NameAllocator typeNames = new NameAllocator(RESERVED_TYPE_NAMES, DERIVED_SUFFIXES);
        NameAllocator paths = new NameAllocator(RESERVED_PATHS, List.of());
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> collectionPaths = new LinkedHashMap<>();
        for (Table table : tables) {
            names.put(table.qualifiedName(), typeNames.allocate(Identifiers.pascal(table.name(), "Table")));
            collectionPaths.put(table.qualifiedName(), "/" + paths.allocate(Identifiers.kebab(table.name(), "table")));
        }
        Map<String, List<Field>> fieldsByTable = new LinkedHashMap<>();
        for (Table table : tables) {
            fieldsByTable.put(table.qualifiedName(), fields(table));
            if (!table.hasPrimaryKey()) {
                warnings.add("table " + table.qualifiedName() + " has no primary key: its API is read-only (list only)");
            }
            table.columns().stream().filter(column -> TypeMapper.map(column) == FieldType.OTHER).forEach(column ->
                    warnings.add("column " + table.qualifiedName() + "." + column.name() + " has type " + column.columnType()
                            + ": served as its text form"));
        }
        Map<String, List<SubResource>> children = new LinkedHashMap<>();
        Map<String, List<SubResource>> parents = new LinkedHashMap<>();
        for (Table table : tables) {
            for (ForeignKey fk : table.foreignKeys()) {
                String parentName = fk.referencedSchema() + "." + fk.referencedTable();
                Table parent = tables.stream().filter(t -> t.qualifiedName().equals(parentName)).findFirst().orElse(null);
                if (parent == null) {
                    warnings.add("foreign key " + fk.name() + " of " + table.qualifiedName() + " references " + parentName
                            + " outside the boundary: no sub-resource or link");
                    continue;
                }
                if (!parent.hasPrimaryKey() || !Set.copyOf(fk.referencedColumns()).equals(Set.copyOf(parent.primaryKey()))) {
                    warnings.add("foreign key " + fk.name() + " of " + table.qualifiedName()
                            + " references a unique key, not the primary key, of " + parentName + ": no sub-resource");
                    continue;
                }
                SubResource sub = subResource(table, parent, fk, names, collectionPaths, fieldsByTable);
                children.computeIfAbsent(parentName, k -> new ArrayList<>()).add(sub);
                parents.computeIfAbsent(table.qualifiedName(), k -> new ArrayList<>()).add(sub);
            }
        }
        List<Resource> resources = new ArrayList<>();
        for (Table table : tables) {
            List<Field> fields = fieldsByTable.get(table.qualifiedName());
            List<Field> keys = table.primaryKey().stream()
                    .map(key -> fields.stream().filter(f -> f.column().name().equals(key)).findFirst().orElseThrow()).toList();
            resources.add(new Resource(table, names.get(table.qualifiedName()), collectionPaths.get(table.qualifiedName()),
                    fields, keys, disambiguate(children.getOrDefault(table.qualifiedName(), List.of())),
                    parents.getOrDefault(table.qualifiedName(), List.of())));
        }
        // parents' lists hold the same SubResource objects before disambiguation: rebuild them from the children.
        List<Resource> linked = new ArrayList<>();
        for (Resource resource : resources) {
            List<SubResource> asChild = resources.stream().flatMap(r -> r.children().stream())
                    .filter(sub -> sub.child().equals(resource.name())).toList();
            linked.add(new Resource(resource.table(), resource.name(), resource.path(), resource.fields(), resource.keys(),
                    resource.children(), asChild));
        }
        String artifactId = Identifiers.kebab(service, "service") + "-api";
        return new ApiModel(service, basePackage, artifactId, catalog.engine(), linked, warnings);
    }

    private static SubResource subResource(Table child, Table parent, ForeignKey fk, Map<String, String> names,
                                           Map<String, String> paths, Map<String, List<Field>> fieldsByTable) {
        List<Field> parentFields = fieldsByTable.get(parent.qualifiedName());
        List<Field> childFields = fieldsByTable.get(child.qualifiedName());
        Map<String, String> bindings = new LinkedHashMap<>();
        StringBuilder path = new StringBuilder(paths.get(parent.qualifiedName()));
        for (String keyColumn : parent.primaryKey()) {
            String parentField = fieldFor(parentFields, keyColumn).name();
            String childColumn = fk.columns().get(fk.referencedColumns().indexOf(keyColumn));
            bindings.put(fieldFor(childFields, childColumn).name(), parentField);
            path.append("/{").append(parentField).append('}');
        }
        path.append(paths.get(child.qualifiedName()));
        StringBuilder suffix = new StringBuilder("By");
        bindings.keySet().forEach(name -> suffix.append(Character.toUpperCase(name.charAt(0))).append(name.substring(1)));
        return new SubResource(names.get(parent.qualifiedName()), names.get(child.qualifiedName()), fk, path.toString(),
                bindings, suffix.toString());
    }

    /** Suffixes (and path tails) only where a child has several foreign keys to the same parent. */
    private static List<SubResource> disambiguate(List<SubResource> subs) {
        List<SubResource> result = new ArrayList<>();
        for (SubResource sub : subs) {
            long sameChild = subs.stream().filter(other -> other.child().equals(sub.child())).count();
            if (sameChild == 1) {
                result.add(new SubResource(sub.parent(), sub.child(), sub.foreignKey(), sub.path(), sub.bindings(), ""));
            } else {
                String tail = "-" + Identifiers.kebab(sub.suffix(), "by");
                result.add(new SubResource(sub.parent(), sub.child(), sub.foreignKey(), sub.path() + tail, sub.bindings(), sub.suffix()));
            }
        }
        return result;
    }

    private static Field fieldFor(List<Field> fields, String columnName) {
        return fields.stream().filter(field -> field.column().name().equals(columnName)).findFirst().orElseThrow();
    }

    static List<Field> fields(Table table) {
        NameAllocator fieldNames = new NameAllocator(Set.of(), List.of());
        Set<String> keys = new HashSet<>(table.primaryKey());
        List<Field> fields = new ArrayList<>();
        for (Column column : table.columns()) {
            String candidate = Identifiers.camel(column.name(), "column" + column.position());
            if (Identifiers.JAVA_KEYWORDS.contains(candidate) || RESERVED_FIELD_NAMES.contains(candidate)) {
                candidate = candidate + "Value";
            }
            String name = fieldNames.allocate(candidate);
            FieldType type = TypeMapper.map(column);
            List<String> labels = column.enumValues();
            if (type == FieldType.STRING) {
                Optional<List<String>> checked = table.checkConstraints().stream()
                        .map((CheckConstraint check) -> CheckEnums.labels(check, column.name()))
                        .flatMap(Optional::stream).findFirst();
                if (checked.isPresent()) {
                    type = FieldType.ENUM;
                    labels = checked.get();
                }
            }
            long[] range = type == FieldType.INT16 || type == FieldType.INT32 ? TypeMapper.range(column, type) : null;
            boolean readOnly = column.autoGenerated();
            boolean required = !column.nullable() && !column.hasDefault();
            Integer maxLength = type == FieldType.STRING || type == FieldType.OTHER ? column.length() : null;
            fields.add(new Field(column, name, type, column.nullable(), required, readOnly, keys.contains(column.name()),
                    maxLength, type == FieldType.DECIMAL ? column.precision() : null,
                    type == FieldType.DECIMAL ? column.scale() : null, range == null ? null : range[0],
                    range == null ? null : range[1], type == FieldType.ENUM ? labels : List.of(),
                    defaultValue(column, type)));
        }
        return fields;
    }

    /** A default that is a plain literal, as the spec's {@code default}; expressions (now(), sequences) are not. */
    static Object defaultValue(Column column, FieldType type) {
        String expression = column.defaultExpression();
        if (expression == null || column.autoGenerated()) {
            return null;
        }
        String text = expression.strip();
        switch (type) {
            case INT16, INT32, INT64 -> {
                Matcher number = NUMBER.matcher(text);
                return number.matches() && number.group(2) == null ? (Object) Long.parseLong(number.group(1)) : null;
            }
            case FLOAT32, FLOAT64 -> {
                Matcher number = NUMBER.matcher(text);
                return number.matches() ? Double.parseDouble(number.group(1)) : null;
            }
            case DECIMAL -> {
                Matcher number = NUMBER.matcher(text);
                return number.matches() ? new BigDecimal(number.group(1)).toPlainString() : null;
            }
            case BOOLEAN -> {
                String lower = text.toLowerCase(java.util.Locale.ROOT);
                return lower.equals("true") || lower.equals("1") ? Boolean.TRUE
                        : lower.equals("false") || lower.equals("0") ? Boolean.FALSE : null;
            }
            case STRING, ENUM -> {
                Matcher literal = STRING_LITERAL.matcher(text);
                return literal.matches() ? literal.group(1).replace("''", "'") : null;
            }
            default -> {
                return null;
            }
        }
    }
}
