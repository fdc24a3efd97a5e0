package io.strangler.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.generator.boundary.Boundary;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project the generator writes builds with Maven as its README says (compile, its own tests, jar), offline,
 * from the Maven repository this build resolved its dependencies into.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class GeneratedProjectMavenBuildIT {

    @Test
    void shouldBuildWithMavenAndPassItsOwnTests(@Postgres TestDatabase db, @TempDir Path out) throws Exception {
        Path mvnw = Path.of("../../mvnw").toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(mvnw), "the Maven wrapper of this repository is not at " + mvnw);
        try (Connection connection = db.connect()) {
            SampleMonolith.createSchema(connection);
            ApiGenerator.write(ApiGenerator.generate(connection, db.jdbcUrl(), db.user(),
                    Boundary.of("customers", List.of("customers", "customer_addresses")),
                    GeneratorOptions.defaults("customers")), out);
        }
        Path log = out.resolve("maven.log");

        Process maven = new ProcessBuilder(mvnw.toString(), "-o", "-B", "-q", "-Dmaven.repo.local=" + localRepository(),
                "-f", out.resolve("pom.xml").toString(), "package")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = maven.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            maven.destroyForcibly();
        }

        assertThat(finished).as("maven finished").isTrue();
        assertThat(maven.exitValue()).as(Files.readString(log)).isZero();
        assertThat(out.resolve("target/customers-api-1.0.0-SNAPSHOT.jar")).exists();
        assertThat(out.resolve("target/surefire-reports")).isDirectory();
        assertThat(Files.readString(out.resolve("target/surefire-reports/" + "com.example.customers.runtime.QueryParserTest.txt")))
                .contains("Tests run: 3, Failures: 0, Errors: 0");
    }

    /** The repository Javalin was resolved from: .../repository/io/javalin/javalin/7.2.3/javalin-7.2.3.jar. */
    private static Path localRepository() throws Exception {
        Path jar = Path.of(io.javalin.Javalin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path repository = jar;
        for (int i = 0; i < 5; i++) {
            repository = repository.getParent();
        }
        assertThat(repository.resolve("io" + File.separator + "javalin")).isDirectory();
        return repository;
    }
}
