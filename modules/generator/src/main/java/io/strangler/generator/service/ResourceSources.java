package io.strangler.generator.service;

import io.strangler.generator.model.ApiModel;
import io.strangler.generator.model.Field;
import io.strangler.generator.model.Resource;
import io.strangler.generator.model.SubResource;
import java.util.List;
import java.util.stream.Collectors;

/** The three sources of one resource: its record, its table definition and its controller. */
final class ResourceSources {

    private ResourceSources() {
    }

    static String record(ApiModel model, Resource resource) {
        String components = resource.fields().stream().map(field -> "        " + field.type().javaType() + " " + field.name())
                .collect(Collectors.joining(",\n"));
        return "package " + model.basePackage() + ".model;\n\n"
                + "/** A row of {@code " + JavaText.doc(resource.table().qualifiedName()) + "}; null stands for SQL NULL. */\n"
                + "public record " + resource.name() + "(\n" + components + ") {\n}\n";
    }

    static String table(ApiModel model, Resource resource) {
        String pkg = model.basePackage();
        StringBuilder out = new StringBuilder();
        out.append("package ").append(pkg).append(".db;\n\n");
        out.append("import ").append(pkg).append(".model.").append(resource.name()).append(";\n");
        out.append("import ").append(pkg).append(".runtime.Column;\n");
        out.append("import ").append(pkg).append(".runtime.TableDefinition;\n");
        out.append("import ").append(pkg).append(".runtime.ValueType;\n");
        out.append("import java.util.List;\n\n");
        out.append("/** How {@code ").append(JavaText.doc(resource.table().qualifiedName()))
                .append("} is read and written: generated from the database's catalogue, like the spec. */\n");
        out.append("public final class ").append(resource.name()).append("Table {\n\n");
        out.append("    private static final List<Column> COLUMNS = List.of(\n");
        out.append(resource.fields().stream().map(field -> "            " + column(model, field)).collect(Collectors.joining(",\n")));
        out.append(");\n\n");
        String keys = resource.keys().stream().map(key -> "COLUMNS.get(" + resource.fields().indexOf(key) + ")")
                .collect(Collectors.joining(", "));
        out.append("    public static final TableDefinition<").append(resource.name()).append("> DEFINITION = new TableDefinition<>(\n")
                .append("            ").append(JavaText.literal(resource.table().qualifiedName())).append(", ")
                .append(JavaText.literal(JavaText.sqlIdentifier(model.engine(), resource.table().schema()) + "."
                        + JavaText.sqlIdentifier(model.engine(), resource.table().name()))).append(",\n")
                .append("            COLUMNS, List.of(").append(keys).append("), ").append(resource.readOnly()).append(", ")
                .append(resource.name()).append("Table::fromValues, ").append(resource.name()).append("Table::toValues);\n\n");
        out.append("    private ").append(resource.name()).append("Table() {\n    }\n\n");
        out.append("    static ").append(resource.name()).append(" fromValues(Object[] values) {\n");
        out.append("        return new ").append(resource.name()).append("(");
        List<Field> fields = resource.fields();
        for (int i = 0; i < fields.size(); i++) {
            out.append(i == 0 ? "\n                " : ",\n                ")
                    .append('(').append(fields.get(i).type().javaType()).append(") values[").append(i).append(']');
        }
        out.append(");\n    }\n\n");
        out.append("    static Object[] toValues(").append(resource.name()).append(" row) {\n");
        out.append("        return new Object[] {")
                .append(fields.stream().map(field -> "row." + field.name() + "()").collect(Collectors.joining(", ")))
                .append("};\n    }\n}\n");
        return out.toString();
    }

    private static String column(ApiModel model, Field field) {
        return "new Column(" + JavaText.literal(field.name()) + ", "
                + JavaText.literal(JavaText.sqlIdentifier(model.engine(), field.column().name())) + ", ValueType."
                + field.type().name() + ", " + field.nullable() + ", " + field.required() + ", " + field.readOnly() + ", "
                + field.key() + ", " + field.maxLength() + ", " + field.precision() + ", " + field.scale() + ", "
                + (field.minimum() == null ? "null" : field.minimum() + "L") + ", "
                + (field.maximum() == null ? "null" : field.maximum() + "L") + ", List.of("
                + field.enumValues().stream().map(JavaText::literal).collect(Collectors.joining(", ")) + "))";
    }

    static String controller(ApiModel model, Resource resource) {
        String pkg = model.basePackage();
        String name = resource.name();
        StringBuilder out = new StringBuilder();
        out.append("package ").append(pkg).append(".api;\n\n");
        out.append("import ").append(pkg).append(".db.").append(name).append("Table;\n");
        out.append("import ").append(pkg).append(".model.").append(name).append(";\n");
        out.append("import ").append(pkg).append(".runtime.Database;\n");
        out.append("import ").append(pkg).append(".runtime.Repository;\n");
        out.append("import ").append(pkg).append(".runtime.ResourceEndpoints;\n");
        out.append("import io.javalin.config.RoutesConfig;\n");
        if (!resource.parents().isEmpty()) {
            out.append("import java.util.Map;\n");
        }
        out.append("\n/** The endpoints of {@code ").append(JavaText.doc(resource.table().qualifiedName()))
                .append("}, as the spec declares them (tag ").append(resource.tag()).append("). */\n");
        out.append("public final class ").append(name).append("Controller {\n\n");
        out.append("    public static final String PATH = ").append(JavaText.literal(resource.path())).append(";\n\n");
        out.append("    private final ResourceEndpoints<").append(name).append("> endpoints;\n\n");
        out.append("    public ").append(name).append("Controller(Database database) {\n");
        out.append("        this.endpoints = new ResourceEndpoints<>(").append(name).append("Table.DEFINITION,\n")
                .append("                new Repository<>(database, ").append(name).append("Table.DEFINITION), PATH);\n    }\n\n");
        out.append("    public void register(RoutesConfig routes) {\n");
        out.append("        routes.get(PATH, endpoints::list);\n");
        if (!resource.readOnly()) {
            String item = JavaText.literal(resource.itemPath());
            out.append("        routes.post(PATH, endpoints::create);\n");
            out.append("        routes.get(").append(item).append(", endpoints::get);\n");
            out.append("        routes.put(").append(item).append(", endpoints::replace);\n");
            out.append("        routes.patch(").append(item).append(", endpoints::patch);\n");
            out.append("        routes.delete(").append(item).append(", endpoints::delete);\n");
        }
        for (SubResource sub : resource.parents()) {
            out.append("        // ").append(sub.operationId()).append(": foreign key ").append(JavaText.doc(sub.foreignKey().name())).append('\n');
            out.append("        routes.get(").append(JavaText.literal(sub.path())).append(", ctx -> endpoints.list(ctx, Map.of(")
                    .append(sub.bindings().entrySet().stream().map(e -> JavaText.literal(e.getKey()) + ", " + JavaText.literal(e.getValue()))
                            .collect(Collectors.joining(", ")))
                    .append(")));\n");
        }
        out.append("    }\n}\n");
        return out.toString();
    }
}
