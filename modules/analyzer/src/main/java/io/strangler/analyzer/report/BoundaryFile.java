package io.strangler.analyzer.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code boundaries/<service>.boundary.json}, the generator's input: exactly
 * <pre>{@code {"service": "orders", "tables": ["public.orders", "public.order_items"]}}</pre>
 * with the tables as {@code schema.table}, sorted.
 */
public final class BoundaryFile {

    private BoundaryFile() {
    }

    public static String fileName(ServiceBoundary service) {
        return service.name() + ".boundary.json";
    }

    public static String render(ServiceBoundary service) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("service", service.name());
        List<String> tables = service.tables().stream().map(t -> t.qualified()).toList();
        content.put("tables", tables);
        try {
            return JsonReport.MAPPER.writeValueAsString(content) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the boundary file of " + service.name(), e);
        }
    }
}
