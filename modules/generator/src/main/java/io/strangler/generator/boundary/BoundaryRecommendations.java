package io.strangler.generator.boundary;

import io.strangler.schemas.BoundaryRecommendation;
import io.strangler.schemas.ServiceRecommendation;
import java.util.Comparator;
import java.util.List;

/**
 * Boundaries from the analyzer's {@code BoundaryRecommendation} events (topic {@code strangler.analyzer.boundaries}):
 * a service of the recommended decomposition.
 */
public final class BoundaryRecommendations {

    private BoundaryRecommendations() {
    }

    /** The latest of several recommendations (by creation time; on a tie the later in the list). */
    public static BoundaryRecommendation latest(List<BoundaryRecommendation> events) {
        return events.stream().max(Comparator.comparingLong(BoundaryRecommendation::getCreatedMicros))
                .orElseThrow(() -> new IllegalArgumentException("the analyzer has published no boundary recommendation yet"));
    }

    /** The recommended service named {@code service}; the error lists the names there are. */
    public static Boundary boundary(BoundaryRecommendation event, String service) {
        List<ServiceRecommendation> services = event.getRecommended().getServices();
        return services.stream().filter(s -> s.getName().equals(service)).findFirst()
                .map(s -> Boundary.of(s.getName(), List.copyOf(s.getTables())))
                .orElseThrow(() -> new IllegalArgumentException("analysis " + event.getRunId() + " recommends no service '"
                        + service + "'; it recommends " + services.stream().map(ServiceRecommendation::getName).toList()));
    }
}
