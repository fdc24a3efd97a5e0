package io.strangler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A structural lint of the Dockerfile (hadolint is not packaged for Debian and cannot be downloaded here; see
 * docs/deploy.md): the runtime stage runs as a non-root user, its entrypoint is the CLI, no secret is set in ENV or ARG,
 * every file the build copies exists and is not excluded by .dockerignore, and it exposes the ports compose publishes.
 */
class DockerfileTest {

    private static final Path DOCKERFILE = Repository.ROOT.resolve("Dockerfile");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|credential|api_?key).*");

    private static List<String> instructions;
    private static List<String> runtime;

    @BeforeAll
    static void read() throws IOException {
        instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            if (!current.isEmpty()) {
                instructions.add(current.toString());
            }
            current.setLength(0);
        }
        int lastFrom = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (keyword(instructions.get(i)).equals("FROM")) {
                lastFrom = i;
            }
        }
        runtime = instructions.subList(lastFrom, instructions.size());
    }

    @Test
    void shouldBuildInOneStageAndRunOnASlimJre17InAnother() {
        List<String> froms = instructions.stream().filter(i -> keyword(i).equals("FROM")).toList();
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
        assertThat(instructions).anyMatch(i -> i.startsWith("ARG JRE_IMAGE=eclipse-temurin:17-jre"));
        assertThat(instructions).anyMatch(i -> keyword(i).equals("RUN") && i.contains("./mvnw"));
    }

    @Test
    void shouldRunAsANonRootUser() {
        List<String> users = runtime.stream().filter(i -> keyword(i).equals("USER")).toList();

        assertThat(users).as("USER in the runtime stage").isNotEmpty();
        String user = users.get(users.size() - 1).substring("USER".length()).strip().split(":")[0];
        assertThat(user).isNotIn("root", "0");
    }

    @Test
    void shouldHaveTheCliAsItsExecFormEntrypoint() {
        List<String> entrypoints = runtime.stream().filter(i -> keyword(i).equals("ENTRYPOINT")).toList();

        assertThat(entrypoints).hasSize(1);
        assertThat(entrypoints.get(0)).contains("[\"java\"").contains("io.strangler.cli.StranglerCommand");
        assertThat(Repository.ROOT.resolve("modules/cli/src/main/java/io/strangler/cli/StranglerCommand.java"))
                .isRegularFile();
    }

    @Test
    void shouldSetNoSecretInEnvOrArg() {
        for (String instruction : instructions) {
            if (keyword(instruction).equals("ENV") || keyword(instruction).equals("ARG")) {
                String name = instruction.substring(4).strip().split("[= ]")[0];
                assertThat(name).as(instruction).doesNotMatch(SECRET_NAME);
            }
        }
    }

    @Test
    void shouldCopyOnlyFilesThatExistAndThatDockerignoreKeeps() throws IOException {
        List<String> ignored = Files.readAllLines(Repository.ROOT.resolve(".dockerignore")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.replace("**/", "").replaceAll("/$", "")).toList();
        for (String instruction : instructions) {
            if (!keyword(instruction).equals("COPY") || instruction.contains("--from=")) {
                continue;
            }
            String[] words = instruction.split("\\s+");
            for (int i = 1; i < words.length - 1; i++) {
                String source = words[i];
                assertThat(Repository.ROOT.resolve(source)).as(instruction).exists();
                assertThat(ignored).as("%s copies %s, which .dockerignore excludes", instruction, source)
                        .doesNotContain(source);
            }
        }
    }

    @Test
    void shouldExposeThePortsTheProcessorsServe() {
        String exposed = runtime.stream().filter(i -> keyword(i).equals("EXPOSE")).findFirst().orElse("");
        for (ProcessorInvocation invocation : Deployments.compose()) {
            for (int port : HealthChecks.portsProbed(invocation)) {
                assertThat(exposed.split("\\s+")).as(invocation.toString()).contains(Integer.toString(port));
            }
        }
    }

    private static String keyword(String instruction) {
        return instruction.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    }
}
