package io.strangler.generator;

import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sample monolith's API on embedded PostgreSQL 17 (enum types, jsonb, uuid, timestamptz, identity). */
@ExtendWith(EmbeddedPostgresExtension.class)
class SampleMonolithPostgresIT extends SampleMonolithApiContract {

    @BeforeAll
    static void start(@Postgres TestDatabase database, @TempDir Path out) throws Exception {
        generateCompileAndStart(database, out);
    }
}
