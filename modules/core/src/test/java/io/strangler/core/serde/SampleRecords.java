package io.strangler.core.serde;

import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RowChanges exercising every canonical value type. */
public final class SampleRecords {

    private SampleRecords() {}

    public static RowChange rowChange(long id) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("id", id);
        after.put("name", "Ada");
        after.put("active", true);
        after.put("score", 12.5);
        after.put("price", "19.90");
        after.put("photo", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        after.put("deleted_at", null);
        return RowChange.newBuilder()
                .setSource("monolith")
                .setSchema$("public")
                .setTable("customers")
                .setOp(Operation.UPDATE)
                .setKey(Map.of("id", id))
                .setBefore(Map.of("id", id, "name", "Ada L."))
                .setAfter(after)
                .setUnavailableColumns(List.of("notes"))
                .setSourceCommitMicros(1_764_000_000_000_000L)
                .setSourcePosition("0/16B3748")
                .setTransactionId("751")
                .setCaptureMicros(1_764_000_000_012_000L)
                .build();
    }
}
