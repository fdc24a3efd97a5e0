package io.strangler.replicate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.mapping.MappingException;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline checks its mappings against both live databases before anything runs, and names what is wrong. */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class ReplicateValidationIT {

    @Test
    void shouldRefuseToStartListingEveryMappingErrorAgainstTheLiveDatabases(TestKafka kafka,
            @Postgres TestDatabase source, EmbeddedPostgres server, @TempDir Path dir) throws Exception {
        // Given a source column the target lacks, a target table that does not exist, and a backwards direction
        TestDatabase target = ReplicateFixture.secondPostgres(server, "rep_validation");
        ReplicateFixture.execute(source, "CREATE TABLE shop_order (id bigint PRIMARY KEY, total numeric(10,2), note text)",
                "CREATE TABLE customer (id bigint PRIMARY KEY)", "CREATE TABLE invoice (id bigint PRIMARY KEY)");
        ReplicateFixture.execute(target, "CREATE TABLE shop_order (id bigint PRIMARY KEY, total numeric(10,2))",
                "CREATE TABLE invoice (id bigint PRIMARY KEY)");
        try (ReplicateFixture fixture = new ReplicateFixture(kafka, dir)) {
            Map<String, String> config = fixture.config(source, target, fixture.mappingsFile("""
                    mappings:
                      - { name: orders, monolith: public.shop_order, service: public.shop_order }
                      - { name: customers, monolith: public.customer, service: public.customers }
                      - { name: invoices, monolith: public.invoice, service: public.invoice, direction: service-to-monolith }
                    """));

            // When / Then every problem is named, with its mapping, side, table and column
            assertThatThrownBy(() -> ReplicatePipeline.create(new ReplicatePipelineConfig(config)))
                    .isInstanceOf(MappingException.class)
                    .hasMessageContaining("3 errors")
                    .hasMessageContaining("mapping 'orders', service column public.shop_order.note: no service column for"
                            + " monolith column 'note'")
                    .hasMessageContaining("mapping 'customers', service table public.customers: service table"
                            + " public.customers does not exist")
                    .hasMessageContaining("mapping 'invoices': direction service-to-monolith does not let changes flow"
                            + " from the monolith to the service");
        }
    }

    @Test
    void shouldNameTheDatabaseItCannotReach(TestKafka kafka, @Postgres TestDatabase source, @TempDir Path dir)
            throws Exception {
        // Given a target URL where nothing listens
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TestDatabase nowhere = new TestDatabase("postgresql", "127.0.0.1", closedPort, "service", "svc", "secret-pw");
        try (ReplicateFixture fixture = new ReplicateFixture(kafka, dir)) {
            Map<String, String> config = fixture.config(source, nowhere, fixture.mappingsFile("""
                    mappings:
                      - { name: t, monolith: public.t, service: public.t }
                    """));

            // When / Then
            assertThatThrownBy(() -> ReplicatePipeline.create(new ReplicatePipelineConfig(config)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot connect to the target database (service) at jdbc:postgresql://127.0.0.1:"
                            + closedPort + "/service as svc")
                    .hasMessageNotContaining("secret-pw");
        }
    }
}
