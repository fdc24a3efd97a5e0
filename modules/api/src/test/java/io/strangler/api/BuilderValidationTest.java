package io.strangler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Side;
import io.strangler.router.HealthGates;
import io.strangler.router.RampPlan;
import io.strangler.sync.ConflictInput;
import io.strangler.sync.ConflictResolver;
import io.strangler.sync.Resolution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every builder refuses a bad setting before anything is contacted, naming the setting. */
class BuilderValidationTest {

    private static final Kafka KAFKA = Kafka.of("localhost:9092", "http://localhost:8081");
    private static final Database MONOLITH = Database.of("jdbc:postgresql://localhost:5432/shop", "strangler", "pw");
    private static final Database SERVICE = Database.of("jdbc:postgresql://localhost:5433/orders", "strangler", "pw");
    private static final String TOKEN = "a-token-of-32-characters-000000";

    @TempDir
    Path workDir;

    @Test
    void shouldNameTheMissingDatabaseOfASync() {
        assertSetting("sync.monolith", () -> SyncEngine.builder().kafka(KAFKA).service(SERVICE)
                .table(TableMapping.of("public.orders")).workDir(workDir).build());
        assertSetting("sync.service", () -> SyncEngine.builder().kafka(KAFKA).monolith(MONOLITH)
                .table(TableMapping.of("public.orders")).workDir(workDir).build());
    }

    @Test
    void shouldRequireAtLeastOneTableAndDistinctNames() {
        assertSetting("sync.tables", () -> SyncEngine.builder().kafka(KAFKA).monolith(MONOLITH).service(SERVICE)
                .workDir(workDir).build());
        assertSetting("sync.tables", () -> SyncEngine.builder().kafka(KAFKA).monolith(MONOLITH).service(SERVICE)
                .table(TableMapping.of("public.orders")).table(TableMapping.of("sales.orders")).workDir(workDir)
                .build());
    }

    @Test
    void shouldRefuseATableThatIsNotSchemaQualified() {
        assertSetting("table orders", () -> TableMapping.of("orders"));
        assertSetting("table orders.service", () -> TableMapping.of("orders", "public.orders", "a.b.c"));
    }

    @Test
    void shouldRefuseBadConnectionSettings() {
        assertSetting("database.jdbcUrl", () -> Database.of("jdbc:oracle:thin:@db:1521/x", "u", null));
        assertSetting("database.user", () -> Database.of("jdbc:mariadb://db:3306/shop", " ", null));
        assertSetting("kafka.schemaRegistryUrl", () -> Kafka.of("localhost:9092", "localhost:8081"));
        assertSetting("kafka.topicPrefix", () -> KAFKA.withTopicPrefix("has space"));
    }

    @Test
    void shouldNotShowThePasswordOfADatabase() {
        assertThat(MONOLITH.toString()).doesNotContain("pw").contains("jdbc:postgresql://localhost:5432/shop");
    }

    @Test
    void shouldPlugACustomResolverIntoTheSyncsCustomStrategy() {
        // When
        ConflictStrategy strategy = Conflicts.custom(FixedSide.class, Map.of("side", "service"));

        // Then: the strategy a mappings file's "strategy: custom" section parses into
        assertThat(strategy).isEqualTo(new ConflictStrategy.Custom(FixedSide.class.getName(),
                Map.of("side", "service")));
        TableMapping table = TableMapping.of("public.orders").withStrategy(strategy);
        assertThat(table.toMapping(Conflicts.lastWriteWins()).conflict()).isEqualTo(strategy);
    }

    @Test
    void shouldRefuseAResolverTheSyncCouldNotLoadOrThatRejectsItsParams() {
        assertSetting("conflict.class", () -> Conflicts.custom(NoDefaultConstructor.class, Map.of()));
        assertSetting("conflict.class", () -> Conflicts.custom(Hidden.class, Map.of()));
        assertSetting("conflict.params", () -> Conflicts.custom(FixedSide.class, Map.of("side", "both")));
        assertSetting("conflict.params", () -> Conflicts.custom(FixedSide.class, null));
    }

    @Test
    void shouldFallBackToTheBuildersStrategyForATableWithoutItsOwn() {
        ConflictStrategy priority = Conflicts.priority(Side.SERVICE);
        assertThat(TableMapping.of("public.orders").toMapping(priority).conflict()).isEqualTo(priority);
    }

    @Test
    void shouldValidateContinuousValidationSettings() {
        assertSetting("continuous.alertThreshold", () -> new ContinuousValidation.Settings(100.5,
                Duration.ofSeconds(30), Duration.ofSeconds(10), "app", Map.of()));
        assertSetting("continuous.grace", () -> new ContinuousValidation.Settings(99,
                Duration.ofSeconds(-1), Duration.ofSeconds(10), "app", Map.of()));
        assertSetting("continuous.statusInterval", () -> new ContinuousValidation.Settings(99,
                Duration.ofSeconds(30), Duration.ofMillis(10), "app", Map.of()));
    }

    @Test
    void shouldRequireKafkaForContinuousValidation() {
        ConsistencyValidator validator = ConsistencyValidator.builder().monolith(MONOLITH).service(SERVICE)
                .mappings(new io.strangler.core.mapping.Mappings(List.of(TableMapping.of("public.orders")
                        .toMapping(Conflicts.lastWriteWins()))))
                .workDir(workDir).build();
        assertSetting("validator.kafka", validator::continuous);
    }

    @Test
    void shouldRefuseAShortAdminTokenAndARampOfAnUnknownRoute() {
        assertSetting("router.adminToken", () -> router().adminToken("short").start());
        assertSetting("router.ramp.billing", () -> router().ramp("billing", List.of(50.0, 100.0),
                Duration.ofSeconds(1)).start());
        assertSetting("router.ramp.orders", () -> router().ramp("orders", List.of(50.0, 10.0),
                Duration.ofSeconds(1)));
        assertSetting("router.routes", () -> TrafficRouter.builder().adminToken(TOKEN)
                .backend("monolith", "http://127.0.0.1:8080")
                .route("orders", "/orders", "monolith", "nowhere").start());
        assertSetting("router.listenPort", () -> router().listenPort(70_000).start());
    }

    @Test
    void shouldKeepARampPlanWithGatesOfItsOwn() {
        RampPlan plan = new RampPlan(List.of(25.0, 100.0), 1_000, new HealthGates(0.02, 3.0, 5, 99.0));
        TrafficRouter.Builder builder = router().ramp("orders", plan);
        assertThat(builder).isNotNull();
        assertSetting("router.ramp.orders", () -> router().ramp("orders", null));
    }

    private static TrafficRouter.Builder router() {
        return TrafficRouter.builder().adminToken(TOKEN).listenPort(0).adminPort(0)
                .backend("monolith", "http://127.0.0.1:8080").backend("orders-service", "http://127.0.0.1:8090")
                .route("orders", "/orders", "monolith", "orders-service");
    }

    private static void assertSetting(String setting, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
            assertThat(e.setting()).isEqualTo(setting);
            assertThat(e.getMessage()).startsWith(setting + ": ");
        });
    }

    /** A resolver the sync can load: public, static, with a public no-argument constructor. */
    public static final class FixedSide implements ConflictResolver {

        private Side side = Side.MONOLITH;

        @Override
        public void configure(Map<String, String> params) {
            side = Side.fromLabel("side", params.getOrDefault("side", "monolith"));
        }

        @Override
        public Resolution resolve(ConflictInput conflict) {
            return Resolution.wins(side, "fixed");
        }
    }

    public static final class NoDefaultConstructor implements ConflictResolver {

        public NoDefaultConstructor(String unused) {
        }

        @Override
        public Resolution resolve(ConflictInput conflict) {
            return Resolution.wins(Side.MONOLITH, "never");
        }
    }

    static final class Hidden implements ConflictResolver {

        @Override
        public Resolution resolve(ConflictInput conflict) {
            return Resolution.wins(Side.MONOLITH, "never");
        }
    }
}
