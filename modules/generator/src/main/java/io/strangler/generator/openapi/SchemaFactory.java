package io.strangler.generator.openapi;

import io.strangler.generator.model.Field;
import io.strangler.generator.model.FieldType;
import io.strangler.generator.model.Resource;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The JSON schemas of a resource: its row, its create/update/patch bodies and its page. */
final class SchemaFactory {

    static final String REF = "#/components/schemas/";

    private SchemaFactory() {
    }

    /** The row as the service returns it: every column; generated ones read-only. */
    static Schema<?> row(Resource resource) {
        Schema<?> schema = object("A row of " + resource.table().qualifiedName() + ".", resource, field -> true, false);
        schema.setRequired(resource.fields().stream().map(Field::name).toList());
        return schema;
    }

    /** A create body: writable columns; required are those NOT NULL without a default. */
    static Schema<?> create(Resource resource) {
        Schema<?> schema = object("Body of a create of " + resource.table().qualifiedName() + ".", resource,
                field -> !field.readOnly(), true);
        List<String> required = resource.fields().stream().filter(f -> !f.readOnly() && f.required()).map(Field::name).toList();
        if (!required.isEmpty()) {
            schema.setRequired(new ArrayList<>(required));
        }
        return schema;
    }

    /** A replace (PUT) body: writable non-key columns; the NOT NULL ones are required, the rest become NULL when left out. */
    static Schema<?> update(Resource resource) {
        Schema<?> schema = object("Body of a replace of " + resource.table().qualifiedName()
                + ": nullable properties left out become null; the key comes from the path.", resource,
                field -> !field.readOnly() && !field.key(), true);
        List<String> required = resource.fields().stream().filter(f -> !f.readOnly() && !f.key() && !f.nullable())
                .map(Field::name).toList();
        if (!required.isEmpty()) {
            schema.setRequired(new ArrayList<>(required));
        }
        return schema;
    }

    /** A patch body (JSON merge patch): any writable non-key column; null clears a nullable one. */
    static Schema<?> patch(Resource resource) {
        return object("Body of a patch of " + resource.table().qualifiedName() + ": only the given properties change.",
                resource, field -> !field.readOnly() && !field.key(), true);
    }

    static Schema<?> page(Resource resource) {
        Schema<?> schema = new ObjectSchema().description("A page of " + resource.table().qualifiedName() + ".");
        schema.addProperty("items", new ArraySchema().items(new Schema<>().$ref(REF + resource.name())));
        schema.addProperty("total", new IntegerSchema().format("int64").description("Rows matching the filters, on all pages."));
        schema.addProperty("limit", new IntegerSchema().description("The page size used."));
        schema.addProperty("offset", new IntegerSchema().format("int64").description("Rows skipped (offset paging only)."));
        schema.addProperty("nextCursor", new Schema<String>().type("string")
                .description("Pass as cursor= for the next page (keyset paging); absent on the last page."));
        schema.addProperty("links", new Schema<>().$ref(REF + "PageLinks"));
        schema.setRequired(new ArrayList<>(List.of("items", "total", "limit", "links")));
        return schema;
    }

    private static Schema<?> object(String description, Resource resource, Predicate<Field> include, boolean body) {
        Schema<?> schema = new ObjectSchema().description(description);
        for (Field field : resource.fields()) {
            if (include.test(field)) {
                schema.addProperty(field.name(), property(field, body));
            }
        }
        // Unknown properties are rejected by the service: a typo must not silently drop a value.
        schema.setAdditionalProperties(Boolean.FALSE);
        return schema;
    }

    static Schema<?> property(Field field, boolean body) {
        Schema<Object> schema = new Schema<>();
        FieldType type = field.type();
        if (type.openApiType() != null) {
            schema.setType(type.openApiType());
        }
        if (type.format() != null) {
            schema.setFormat(type.format());
        }
        StringBuilder description = new StringBuilder("Column ").append(field.column().name()).append(" (")
                .append(field.column().columnType()).append(')');
        switch (type) {
            case DECIMAL -> {
                if (field.precision() != null) {
                    int scale = field.scale() == null ? 0 : field.scale();
                    int integer = field.precision() - scale;
                    schema.setPattern("^-?\\d{1," + Math.max(integer, 1) + "}" + (scale > 0 ? "(\\.\\d{1," + scale + "})?" : "") + "$");
                }
                description.append("; a decimal string, so no digit is lost to binary floating point");
            }
            case TIME -> schema.setPattern("^\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?$");
            case TIMESTAMP -> {
                schema.setPattern("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?$");
                description.append("; a local date-time without offset, as stored");
            }
            case TIMESTAMPTZ -> description.append("; written in UTC");
            case JSON -> description.append("; any JSON value");
            default -> {
            }
        }
        if (field.maxLength() != null) {
            schema.setMaxLength(field.maxLength());
        }
        if (field.minimum() != null) {
            schema.setMinimum(BigDecimal.valueOf(field.minimum()));
            schema.setMaximum(BigDecimal.valueOf(field.maximum()));
        }
        if (!field.enumValues().isEmpty()) {
            schema.setEnum(new ArrayList<>(field.enumValues()));
        }
        if (field.nullable() && type.openApiType() != null) {
            schema.setNullable(Boolean.TRUE);
        }
        if (field.readOnly() && !body) {
            schema.setReadOnly(Boolean.TRUE);
            description.append("; set by the database");
        }
        if (field.defaultValue() != null) {
            schema.setDefault(field.defaultValue());
        } else if (field.column().defaultExpression() != null && !field.readOnly()) {
            description.append("; database default ").append(field.column().defaultExpression());
        }
        // Bodies repeat the row's properties: their descriptions and examples stay on the row schema only, which
        // keeps the spec about a third smaller (a 500-table YAML otherwise passes swagger-parser's 3 Mi code points).
        if (!body) {
            schema.setDescription(description.toString());
            schema.setExample(Examples.of(field));
        }
        return schema;
    }
}
