package com.example.migration;

import io.strangler.api.ConsistencyAlert;
import io.strangler.api.ConsistencyValidator;
import io.strangler.api.ContinuousValidation;
import io.strangler.api.Conflicts;
import io.strangler.api.Database;
import io.strangler.api.Kafka;
import io.strangler.api.SyncEngine;
import io.strangler.api.TableMapping;
import io.strangler.api.TrafficRouter;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.Side;
import io.strangler.router.RampStatus;
import io.strangler.validator.ValidationResult;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java API's quick start, against the sample shop of {@code ./strangler env up}: keep the monolith and the
 * service database in sync while both stay writable, prove them identical, watch their consistency, and move the
 * customers API over to the service step by step.
 */
public final class QuickStart {

    private static final Logger LOGGER = LoggerFactory.getLogger(QuickStart.class);

    private QuickStart() {
    }

    /**
     * Step 1, the sync: customers both ways, where a conflict goes to the higher loyalty points (a custom resolver);
     * products one way, since the monolith still owns the catalogue; last write wins for anything else.
     */
    public static SyncEngine startSync(Kafka kafka, Database monolith, Database service, Path workDir) {
        return SyncEngine.builder()
                .kafka(kafka)
                .monolith(monolith)
                .service(service)
                .strategy(Conflicts.lastWriteWins(Duration.ofMillis(250), Side.MONOLITH))
                .table(TableMapping.of("public.customers")
                        .withStrategy(Conflicts.custom(HigherValueWins.class, Map.of("column", "loyalty_points"))))
                .table(TableMapping.of("public.products").withDirection(Direction.MONOLITH_TO_SERVICE))
                .heartbeatInterval(Duration.ofSeconds(1))
                .workDir(workDir)
                .start();
    }

    /** Step 2, one deep comparison of every synchronised table. */
    public static ValidationResult validateOnce(SyncEngine sync) {
        ValidationResult result = ConsistencyValidator.builder().from(sync).build().validate();
        LOGGER.info("{} rows compared, {}% consistent, {} discrepancies", result.distinctKeys(),
                result.consistencyPercent(), result.discrepancyCount());
        return result;
    }

    /** Step 3, continuous validation from the change streams: an alert while less than 99.5 % of rows agree. */
    public static ContinuousValidation watchConsistency(SyncEngine sync, ConsistencyAlert.Listener onAlert) {
        return ConsistencyValidator.builder().from(sync).build()
                .continuous()
                .alertThreshold(99.5)
                .grace(Duration.ofSeconds(3))
                .statusInterval(Duration.ofSeconds(1))
                .onAlert(onAlert)
                .start();
    }

    /** Step 4, the router: /customers from the monolith's API to the service's, 10 %, 50 %, then 100 %. */
    public static TrafficRouter startRouter(String monolithApi, String serviceApi, String adminToken) {
        return TrafficRouter.builder()
                .listenPort(0)
                .adminPort(0)
                .adminToken(adminToken)
                .backend("monolith", monolithApi)
                .backend("customers-service", serviceApi)
                .route("customers", "/customers", "monolith", "customers-service")
                .ramp("customers", List.of(10.0, 50.0, 100.0), Duration.ofSeconds(2))
                .start();
    }

    /**
     * All four steps: {@code java com.example.migration.QuickStart .strangler/env.properties http://127.0.0.1:8080
     * http://127.0.0.1:8090}, with {@code ./strangler env up} running and STRANGLER_ROUTER_TOKEN set.
     */
    public static void main(String[] args) throws Exception {
        Properties env = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
            env.load(reader);
        }
        Kafka kafka = Kafka.of(env.getProperty("bootstrap.servers"), env.getProperty("schema.registry.url"));
        Database monolith = Database.of(env.getProperty("monolith.url"), env.getProperty("monolith.user"),
                env.getProperty("monolith.password"));
        Database service = Database.of(env.getProperty("service.url"), env.getProperty("service.user"),
                env.getProperty("service.password"));

        try (SyncEngine sync = startSync(kafka, monolith, service, Path.of(".strangler", "java-api"))) {
            sync.awaitRunning(Duration.ofMinutes(1));
            try (ContinuousValidation watch = watchConsistency(sync, alert -> LOGGER.warn("consistency: {}", alert));
                 TrafficRouter router = startRouter(args[1], args[2], System.getenv("STRANGLER_ROUTER_TOKEN"))) {
                validateOnce(sync);
                router.startRamp("customers");
                RampStatus ramp = router.ramp("customers").orElseThrow();
                while (ramp.state() == RampStatus.State.WAITING || ramp.state() == RampStatus.State.RUNNING) {
                    LOGGER.info("customers at {}% on the service, consistency {}%", ramp.weight(),
                            watch.consistencyPercent().orElse(Double.NaN));
                    Thread.sleep(1_000);
                    ramp = router.ramp("customers").orElseThrow();
                }
                LOGGER.info("ramp {} ({}); conflicts resolved: {}", ramp.state(), ramp.reason(),
                        sync.status().conflicts());
            }
        }
    }
}
