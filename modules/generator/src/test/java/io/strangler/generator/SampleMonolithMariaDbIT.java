package io.strangler.generator;

import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sample monolith's API on embedded MariaDB 11.4 (ENUM columns, JSON as checked longtext, TIMESTAMP in UTC). */
@ExtendWith(EmbeddedMariaDbExtension.class)
class SampleMonolithMariaDbIT extends SampleMonolithApiContract {

    @BeforeAll
    static void start(@MariaDb TestDatabase database, @TempDir Path out) throws Exception {
        generateCompileAndStart(database, out);
    }
}
