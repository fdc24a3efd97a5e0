package io.strangler.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes docs/configuration.md from the {@link ConfigDocProvider}s on the classpath. Each configuration is a
 * section between {@code <!-- BEGIN id -->} and {@code <!-- END id -->} markers; sections of configurations that
 * are not on the classpath are kept, so each module can check and regenerate its own sections.
 */
public final class ConfigDocGenerator {

    /** The command that regenerates the file, printed by the test that checks it. */
    public static final String REGENERATE_COMMAND = "./mvnw -B -q -pl modules/core -am test -Dtest=ConfigDocsUpToDateTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dstrangler.docs.regenerate=true";

    private static final Logger LOGGER = LoggerFactory.getLogger(ConfigDocGenerator.class);

    private static final String HEADER = """
            # Configuration reference

            Strangler's processors are configured with `.properties` files, Kafka style. This page is generated from
            the processors' `ConfigDef`s by `io.strangler.core.config.ConfigDocGenerator`: do not edit it by hand;
            regenerate it with

            ```
            %s
            ```
            """.formatted(REGENERATE_COMMAND);

    private ConfigDocGenerator() {
    }

    /** Usage: {@code ConfigDocGenerator [path-to-configuration.md]}; the default is {@code docs/configuration.md}. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
        write(target, ConfigDocProvider.all());
        LOGGER.info("Wrote {}", target.toAbsolutePath());
    }

    /** Rewrites the sections of {@code docs} in {@code target}, creating the file if needed. */
    public static void write(Path target, List<ConfigDoc> docs) throws IOException {
        String existing = Files.exists(target) ? Files.readString(target, StandardCharsets.UTF_8) : "";
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(target, update(existing, docs), StandardCharsets.UTF_8);
    }

    /**
     * The ids of the docs whose section in {@code page} differs from the one generated from their ConfigDef; empty
     * when the page is up to date. With {@code -Dstrangler.docs.regenerate=true} the page is rewritten first, which
     * is how the modules' doc tests regenerate their pages.
     */
    public static List<String> staleSections(Path page, List<ConfigDoc> docs) throws IOException {
        if (Boolean.getBoolean("strangler.docs.regenerate")) {
            Files.writeString(page, update(Files.readString(page, StandardCharsets.UTF_8), docs), StandardCharsets.UTF_8);
        }
        String committed = Files.readString(page, StandardCharsets.UTF_8);
        return docs.stream().filter(doc -> !section(doc).equals(findSection(committed, doc))).map(ConfigDoc::id).toList();
    }

    /** {@code existing} with each doc's section replaced, or appended when it is new. */
    public static String update(String existing, List<ConfigDoc> docs) {
        String text = existing.isBlank() ? HEADER : existing;
        for (ConfigDoc doc : docs) {
            String section = section(doc);
            int begin = text.indexOf(beginMarker(doc));
            int end = text.indexOf(endMarker(doc));
            if (begin >= 0 && end > begin) {
                text = text.substring(0, begin) + section + text.substring(end + endMarker(doc).length());
            }
            else {
                text = text.stripTrailing() + "\n\n" + section + "\n";
            }
        }
        return text;
    }

    /** The section of {@code doc} as found in {@code text}, or null when it is missing. */
    public static String findSection(String text, ConfigDoc doc) {
        int begin = text.indexOf(beginMarker(doc));
        int end = text.indexOf(endMarker(doc));
        return begin >= 0 && end > begin ? text.substring(begin, end + endMarker(doc).length()) : null;
    }

    /** The markdown of one configuration, markers included. */
    public static String section(ConfigDoc doc) {
        StringBuilder out = new StringBuilder(beginMarker(doc)).append('\n');
        out.append("## ").append(doc.title()).append("\n\n").append(doc.description()).append("\n\n");
        out.append("| Key | Type | Default | Valid values | Importance | Description |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : doc.definition().configKeys().values()) {
            out.append("| `").append(key.name).append("` | ")
                    .append(key.type.toString().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(defaultValue(key)).append(" | ")
                    .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
                    .append(key.importance.toString().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(cell(key.documentation)).append(" |\n");
        }
        return out.append(endMarker(doc)).toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "(unset)";
        }
        if (key.type == ConfigDef.Type.PASSWORD) {
            return "[hidden]";
        }
        if (key.defaultValue instanceof List<?> list) {
            return "`" + cell(list.stream().map(Object::toString).collect(Collectors.joining(","))) + "`";
        }
        String text = key.defaultValue.toString();
        return text.isEmpty() ? "\"\"" : "`" + cell(text) + "`";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    private static String beginMarker(ConfigDoc doc) {
        return "<!-- BEGIN " + doc.id() + " -->";
    }

    private static String endMarker(ConfigDoc doc) {
        return "<!-- END " + doc.id() + " -->";
    }
}
