package io.strangler.sync;

import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static io.strangler.schemas.Operation.CREATE;
import static io.strangler.schemas.Operation.DELETE;
import static io.strangler.schemas.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.OneSidedColumn;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.RowChange;
import io.strangler.sync.internal.LogicalChange;
import io.strangler.sync.internal.RowState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A logical key on a unique non-primary column ({@code email}, the physical key {@code id} unchanged): an update that
 * changes it moves the logical row, and the other side must lose the row under the old key, not keep a ghost of it.
 */
class SyncKeyMoveTest {

    private static final ConflictStrategy PRIORITY = new ConflictStrategy.Priority(MONOLITH);

    @Test
    void shouldDeleteTheOldKeyAndCreateTheNewOneWhenAnUpdateChangesTheLogicalKey() {
        try (SyncFixture sync = byEmail()) {
            synced(sync, MONOLITH,
                    sync.change(MONOLITH, CREATE, 1, SyncFixture.monolithRow(1, "Ada", "ada@old"), 1_000));

            // When: the monolith changes the customer's email in place
            sync.pipe(MONOLITH, sync.change(MONOLITH, UPDATE, 1, SyncFixture.monolithRow(1, "Ada", "ada@old"),
                    SyncFixture.monolithRow(1, "Ada", "ada@new"), 3_000));

            // Then: the service deletes the row under the old email and creates it under the new one
            List<KeyValue<String, ApplyCommand>> applies = sync.applies(SERVICE);
            assertThat(applies).extracting(kv -> kv.value.getOp() + " " + kv.value.getKey())
                    .containsExactly("DELETE {email=ada@old}", "UPSERT {email=ada@new}");
            assertThat(CanonicalRow.fromAvro(applies.get(1).value.getRow()).values())
                    .containsEntry("id", 1L).containsEntry("full_name", "Ada");
            assertThat(sync.metric("key-moves-total", Map.of("mapping", "customers", "side", "monolith")))
                    .isEqualTo(1.0);

            // And: the service's echoes of both (a delete and an insert there) are recognised, nothing comes back
            echoAll(sync, applies, 4_000);
            assertThat(sync.nothingEmitted()).isTrue();
            assertThat(state(sync, "ada@old").agreed().deleted()).isTrue();
            assertThat(state(sync, "ada@new").agreed().row().get("email")).isEqualTo("ada@new");
        }
    }

    @Test
    void shouldMoveTheRowOnTheMonolithWhenTheServiceChangesTheKey() {
        try (SyncFixture sync = byEmail()) {
            synced(sync, SERVICE, sync.change(SERVICE, CREATE, 7, SyncFixture.serviceRow(7, "Bob", "bob@a"), 1_000));

            sync.pipe(SERVICE, sync.change(SERVICE, UPDATE, 7, SyncFixture.serviceRow(7, "Bob", "bob@a"),
                    SyncFixture.serviceRow(7, "Bob", "bob@b"), 3_000));

            assertThat(sync.applies(MONOLITH)).extracting(kv -> kv.value.getOp() + " " + kv.value.getKey())
                    .containsExactly("DELETE {email=bob@a}", "UPSERT {email=bob@b}");
        }
    }

    @Test
    void shouldSyncAnUpdateThatKeepsTheLogicalKeyAsOneWrite() {
        try (SyncFixture sync = byEmail()) {
            synced(sync, MONOLITH, sync.change(MONOLITH, CREATE, 1, SyncFixture.monolithRow(1, "Ada", "ada@x"), 1_000));

            sync.pipe(MONOLITH, sync.change(MONOLITH, UPDATE, 1, SyncFixture.monolithRow(1, "Ada", "ada@x"),
                    SyncFixture.monolithRow(1, "Ada L.", "ada@x"), 3_000));

            assertThat(sync.applies(SERVICE)).extracting(kv -> kv.value.getOp()).containsExactly(ApplyOperation.UPSERT);
            assertThat(sync.metric("key-moves-total", Map.of("mapping", "customers", "side", "monolith"))).isZero();
        }
    }

    private static SyncFixture byEmail() {
        return new SyncFixture(emailKeyedCustomers(), SyncSettings.defaults(), SyncTopology.Stores.ROCKSDB);
    }

    /** The customers mapping keyed by email; both tables keep {@code id} as their primary key. */
    static ResolvedMapping emailKeyedCustomers() {
        Mapping mapping = new Mapping(SyncFixture.MAPPING, SyncFixture.MONOLITH_TABLE, SyncFixture.SERVICE_TABLE,
                List.of("email"), Map.of("name", "full_name"), List.of(new OneSidedColumn("legacy_code", null)),
                List.of(new OneSidedColumn("tier", "basic")), List.of(), List.of(), Direction.BOTH, PRIORITY);
        return new ResolvedMapping(mapping, List.of("email"), List.of(
                new MappedColumn("id", "id", "id"), new MappedColumn("name", "name", "full_name"),
                new MappedColumn("email", "email", "email")));
    }

    /** Given: {@code insert} made on {@code side}, applied on the other side and echoed back from there. */
    private static void synced(SyncFixture sync, Side side, RowChange insert) {
        sync.pipe(side, insert);
        echoAll(sync, sync.applies(side.other()), 2_000);
    }

    /** What the target's capture sends after applying {@code applies}: a tagged echo per command. */
    private static void echoAll(SyncFixture sync, List<KeyValue<String, ApplyCommand>> applies, long commitMicros) {
        for (KeyValue<String, ApplyCommand> apply : applies) {
            ApplyCommand command = apply.value;
            var side = command.getTarget().equals(sync.settings.monolithSource()) ? MONOLITH : SERVICE;
            boolean delete = command.getOp() == ApplyOperation.DELETE;
            Map<String, Object> row = new LinkedHashMap<>();
            long id;
            if (delete) {
                id = 0; // the target's physical key: not what the sync keys by
                row.put("email", command.getKey().get("email").toString());
            } else {
                row.putAll(CanonicalRow.fromAvro(command.getRow()).values());
                row.put(side == MONOLITH ? "legacy_code" : "tier", side == MONOLITH ? "L" : "gold");
                id = (Long) row.get("id");
            }
            RowChange echo = sync.change(side, delete ? DELETE : CREATE, id, delete ? row : null,
                    delete ? null : row, commitMicros);
            echo.setOrigin(ChangeOrigin.APPLY);
            sync.pipe(side, echo);
        }
    }

    private static RowState state(SyncFixture sync, String email) {
        KeyValueStore<String, RowState> store = sync.driver.getKeyValueStore(SyncTopology.ROWS_STORE);
        return store.get(LogicalChange.storeKey(sync.mapping.name(), CanonicalKey.of(Map.of("email", email))));
    }
}
