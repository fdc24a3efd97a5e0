package io.strangler.analyzer.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.strangler.analyzer.evidence.TableName;
import java.time.Instant;

/** {@code report.json}: the whole {@link AnalysisResult}; tables as {@code schema.table}, times as ISO-8601. */
public final class JsonReport {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("strangler-analyzer")
                    .addSerializer(TableName.class, ToStringSerializer.instance)
                    .addSerializer(Instant.class, ToStringSerializer.instance))
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(AnalysisResult result) {
        try {
            return MAPPER.writeValueAsString(result) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the analysis as JSON: " + e.getMessage(), e);
        }
    }
}
