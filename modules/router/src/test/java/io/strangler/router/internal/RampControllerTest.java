package io.strangler.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.router.BackendSpec;
import io.strangler.router.HealthGates;
import io.strangler.router.RampPlan;
import io.strangler.router.RampStatus;
import io.strangler.router.RouteSpec;
import io.strangler.router.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resuming a ramp after its instance died: the checkpoint is the ramp's word, a route weight left half-set is mended. */
class RampControllerTest {

    private static final RampPlan PLAN = new RampPlan(List.of(10.0, 50.0, 100.0), 60_000, HealthGates.defaults());

    private final RoutingEngine engine = new RoutingEngine(new SimpleMeterRegistry(), 5, 30_000);
    private final List<String> weightsSet = new ArrayList<>();
    private RampController ramps;

    @AfterEach
    void close() {
        ramps.close();
    }

    @Test
    void shouldSetTheStepsWeightWhenTheInstanceDiedBetweenCheckpointingAStepAndSettingIt() {
        // Given the route still at the first step's weight, the checkpoint already at the second step
        routeAt(10.0);

        // When the instance starts again and resumes its ramp
        ramps.resumeAfterRestart(Map.of("orders", checkpoint(1)));

        // Then the second step's weight is set, and the ramp runs on at that step
        assertThat(weightsSet).containsExactly("orders=50.0");
        assertThat(ramps.status("orders")).hasValueSatisfying(status -> {
            assertThat(status.state()).isEqualTo(RampStatus.State.RUNNING);
            assertThat(status.weight()).isEqualTo(50.0);
        });
    }

    @Test
    void shouldLeaveAWeightTheRampDidNotSetAloneWhenResuming() {
        // Given an operator set a weight of their own while the instance was down
        routeAt(30.0);

        ramps.resumeAfterRestart(Map.of("orders", checkpoint(1)));

        // Then the ramp does not overwrite it (its next checks end it as changed elsewhere)
        assertThat(weightsSet).isEmpty();
    }

    @Test
    void shouldSetNothingWhenTheStepsWeightIsAlreadyInPlace() {
        routeAt(50.0);

        ramps.resumeAfterRestart(Map.of("orders", checkpoint(1)));

        assertThat(weightsSet).isEmpty();
    }

    private void routeAt(double weight) {
        engine.install(new RouteTable(Map.of("monolith", new BackendSpec("monolith", "http://127.0.0.1:1", 500, 1_000, null),
                "service", new BackendSpec("service", "http://127.0.0.1:2", 500, 1_000, null)),
                List.of(RouteSpec.split("orders", "/orders", "monolith", "service", weight, null)), Map.of()));
        RampController.Actions actions = new RampController.Actions() {
            @Override
            public void stepWeight(String routeId, double newWeight) {
                weightsSet.add(routeId + "=" + newWeight);
            }

            @Override
            public void gateRollback(String routeId, String reason) {
                throw new AssertionError("no gate can breach here: " + reason);
            }
        };
        ramps = new RampController(engine, actions, new EventSink("edge-1", null, null), null, 60_000, "edge-1",
                (route, checkpoint) -> { }, GateStats.local(engine));
    }

    private static RampCheckpoint checkpoint(int step) {
        return new RampCheckpoint("edge-1", PLAN, RampStatus.State.RUNNING, step, System.currentTimeMillis(), 0,
                "step " + (step + 1) + "/3");
    }
}
