package io.strangler.generator.service;

import io.strangler.generator.model.ApiModel;
import io.strangler.generator.model.Resource;
import io.strangler.generator.model.SubResource;
import io.strangler.generator.openapi.SpecDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The project-level files: Application, pom.xml, README, application.properties. */
final class ProjectFiles {

    private static final Properties VERSIONS = versions();
    /** user= and password= parameters of a JDBC URL: credentials never go into generated files. */
    private static final Pattern CREDENTIALS = Pattern.compile("(?i)(user|password)=.*");

    private ProjectFiles() {
    }

    static String application(ApiModel model) {
        String pkg = model.basePackage();
        StringBuilder imports = new StringBuilder();
        StringBuilder registrations = new StringBuilder();
        for (Resource resource : model.resources()) {
            imports.append("import ").append(pkg).append(".api.").append(resource.name()).append("Controller;\n");
            registrations.append("            new ").append(resource.name()).append("Controller(database).register(routes);\n");
        }
        return "package " + pkg + ";\n\n"
                + imports
                + "import " + pkg + ".runtime.Database;\n"
                + "import " + pkg + ".runtime.Server;\n"
                + "import " + pkg + ".runtime.ServiceConfig;\n"
                + "import io.javalin.Javalin;\n"
                + "import java.util.Map;\n\n"
                + "/** The " + JavaText.doc(model.service()) + " service: " + model.resources().size() + " resources over one connection pool. */\n"
                + "public final class Application implements AutoCloseable {\n\n"
                + "    private final Javalin app;\n"
                + "    private final Database database;\n\n"
                + "    private Application(Javalin app, Database database) {\n"
                + "        this.app = app;\n"
                + "        this.database = database;\n"
                + "    }\n\n"
                + "    public static void main(String[] args) {\n"
                + "        Application application = start(ServiceConfig.load());\n"
                + "        Runtime.getRuntime().addShutdownHook(new Thread(application::close, \"shutdown\"));\n"
                + "    }\n\n"
                + "    public static Application start(ServiceConfig config) {\n"
                + "        Database database = new Database(config);\n"
                + "        try {\n"
                + "            return new Application(Server.start(config, database, routes -> {\n"
                + registrations
                + "            }), database);\n"
                + "        } catch (RuntimeException e) {\n"
                + "            database.close();\n"
                + "            throw e;\n"
                + "        }\n"
                + "    }\n\n"
                + "    /** For tests and embedding: settings such as {@code db.url}, {@code server.port} (see ServiceConfig). */\n"
                + "    public static Application start(Map<String, String> settings) {\n"
                + "        return start(ServiceConfig.fromSettings(settings));\n"
                + "    }\n\n"
                + "    public int port() {\n"
                + "        return app.port();\n"
                + "    }\n\n"
                + "    @Override\n"
                + "    public void close() {\n"
                + "        app.stop();\n"
                + "        database.close();\n"
                + "    }\n"
                + "}\n";
    }

    static String properties(String jdbcUrl, String user) {
        String url = withoutCredentials(jdbcUrl);
        return "# Defaults; each key can be overridden by a system property (-Ddb.url=...) or an environment variable\n"
                + "# (DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE, SERVER_HOST, PORT). Never put the password here.\n"
                + "db.url=" + url.replace("\\", "\\\\") + "\n"
                + "db.user=" + (user == null ? "" : user) + "\n"
                + "db.pool.size=10\n"
                + "server.host=0.0.0.0\n"
                + "server.port=8080\n";
    }

    /** The URL without user= and password= parameters. */
    static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl;
        }
        String kept = java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(parameter -> !CREDENTIALS.matcher(parameter).matches())
                .collect(Collectors.joining("&"));
        return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }

    static String pom(ApiModel model) {
        return ProjectGenerator.template("pom.xml.tmpl", model.basePackage())
                .replace("__ARTIFACT__", model.artifactId())
                .replace("__NAME__", xml(model.service()))
                .replace("__MAIN__", model.basePackage() + ".Application")
                .replace("__JAVALIN__", VERSIONS.getProperty("javalin.version"))
                .replace("__HIKARI__", VERSIONS.getProperty("hikari.version"))
                .replace("__JACKSON__", VERSIONS.getProperty("jackson.version"))
                .replace("__SLF4J__", VERSIONS.getProperty("slf4j.version"))
                .replace("__LOGBACK__", VERSIONS.getProperty("logback.version"))
                .replace("__POSTGRESQL__", VERSIONS.getProperty("postgresql.version"))
                .replace("__MARIADB__", VERSIONS.getProperty("mariadb.version"))
                .replace("__JUNIT__", VERSIONS.getProperty("junit.version"))
                .replace("__COMPILER_PLUGIN__", VERSIONS.getProperty("compiler.plugin.version"))
                .replace("__SUREFIRE_PLUGIN__", VERSIONS.getProperty("surefire.plugin.version"))
                .replace("__JAR_PLUGIN__", VERSIONS.getProperty("jar.plugin.version"))
                .replace("__RESOURCES_PLUGIN__", VERSIONS.getProperty("resources.plugin.version"));
    }

    static String readme(ApiModel model, SpecDocuments spec) {
        StringBuilder endpoints = new StringBuilder();
        for (Resource resource : model.resources()) {
            endpoints.append("| `").append(resource.path()).append("` | ").append(resource.table().qualifiedName().replace("|", "\\|"))
                    .append(" | ").append(resource.readOnly() ? "list (no primary key: read-only)" : "list, create, get, replace, patch, delete")
                    .append(" |\n");
            for (SubResource sub : resource.children()) {
                endpoints.append("| `").append(sub.path()).append("` | ").append(model.resource(sub.child()).table().qualifiedName().replace("|", "\\|"))
                        .append(" | list by foreign key ").append(sub.foreignKey().name().replace("|", "\\|")).append(" |\n");
            }
        }
        String warnings = model.warnings().isEmpty() ? "" : "\n## Generator warnings\n\n"
                + model.warnings().stream().map(w -> "- " + w).collect(Collectors.joining("\n")) + "\n";
        return ProjectGenerator.template("README.md.tmpl", model.basePackage())
                .replace("__NAME__", model.service())
                .replace("__ARTIFACT__", model.artifactId())
                .replace("__SHA__", spec.sha256())
                .replace("__ENDPOINTS__", endpoints.toString())
                .replace("__WARNINGS__", warnings);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Properties versions() {
        Properties properties = new Properties();
        try (InputStream in = ProjectFiles.class.getResourceAsStream("/io/strangler/generator/generator.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("generator.properties is missing from the generator's jar", e);
        }
        return properties;
    }
}
