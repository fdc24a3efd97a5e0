package io.strangler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.config.StranglerConfig;
import io.strangler.core.config.UnknownKeys;
import io.strangler.router.RouterConfig;
import io.strangler.testsupport.LogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every processor that docker-compose.yml and deploy/ start reads its mounted file and its --set options through its
 * own configuration class without an unknown key, with every ${env:NAME} set in its container, and serves its health
 * endpoints on the port its probes and health checks ask.
 */
class DeployedConfigurationTest {

    @RegisterExtension
    final LogCapture warnings = LogCapture.of(UnknownKeys.class);

    static List<ProcessorInvocation> invocations() {
        return Deployments.all();
    }

    @Test
    void shouldStartEveryProcessorInComposeAndInKubernetes() {
        for (List<ProcessorInvocation> deployment : List.of(Deployments.compose(), Deployments.kubernetes())) {
            assertThat(deployment).extracting(ProcessorInvocation::processor)
                    .containsExactlyInAnyOrder("capture", "capture", "sync", "apply", "apply", "consistency", "router");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invocations")
    void shouldLoadThroughItsProcessorsConfigClassWithoutUnknownKeys(ProcessorInvocation invocation) {
        assertThat(invocation.config()).as(invocation.where()).isRegularFile();

        DeployedConfiguration.load(invocation);

        assertThat(warnings.messages()).as(invocation.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invocations")
    void shouldServeHealthOnThePortItsChecksAsk(ProcessorInvocation invocation) {
        Map<String, String> values = DeployedConfiguration.values(invocation);
        int port = invocation.processor().equals("router")
                ? Integer.parseInt(values.getOrDefault(RouterConfig.ADMIN_PORT, "8081"))
                : invocation.httpPort().orElseGet(() -> Integer.valueOf(values.getOrDefault(StranglerConfig.HTTP_PORT,
                        "-1")));

        assertThat(HealthChecks.portsProbed(invocation)).as(invocation + ": ports its health checks use")
                .isNotEmpty().containsOnly(port);
    }
}
