package io.strangler.generator;

import io.strangler.generator.model.ApiModel;
import io.strangler.generator.openapi.SpecDocuments;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The generator's output, still in memory.
 *
 * @param files     the project's files, relative path → content, sorted by path
 * @param endpoints every operation as {@code METHOD /path}, in spec order
 */
public record GeneratedApi(ApiModel model, SpecDocuments spec, SortedMap<String, String> files, List<String> endpoints) {

    public GeneratedApi {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        endpoints = List.copyOf(endpoints);
    }
}
