package io.strangler.generator.model;

import io.strangler.core.catalog.ForeignKey;
import java.util.Map;

/**
 * A child table listed under its parent: {@code /customers/{id}/orders} lists the orders whose foreign key points
 * at that customer.
 *
 * @param parent     the referenced resource
 * @param child      the referencing resource
 * @param path       the full templated path, using the parent's key fields as path parameters
 * @param bindings   child field name → parent key field name (the path parameter)
 * @param suffix     {@code ""}, or {@code ByBillingCustomerId} when the child has several keys to the same parent
 */
public record SubResource(String parent, String child, ForeignKey foreignKey, String path, Map<String, String> bindings,
        String suffix) {

    public SubResource {
        bindings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bindings));
    }

    public String operationId() {
        return "list" + child + "Of" + parent + suffix;
    }
}
