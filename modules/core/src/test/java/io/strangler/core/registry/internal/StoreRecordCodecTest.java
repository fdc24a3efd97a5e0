package io.strangler.core.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.registry.CompatibilityLevel;
import io.strangler.core.registry.internal.StoreRecord.ConfigEntry;
import io.strangler.core.registry.internal.StoreRecord.SchemaEntry;
import org.junit.jupiter.api.Test;

class StoreRecordCodecTest {

    @Test
    void shouldRoundTripSchemaEntry() {
        SchemaEntry entry = new SchemaEntry("orders-value", 3, 17, "{\"type\":\"string\"}", true);

        StoreRecord decoded = StoreRecordCodec.decode(StoreRecordCodec.key(entry), StoreRecordCodec.value(entry), "t@0");

        assertThat(decoded).isEqualTo(entry);
    }

    @Test
    void shouldRoundTripGlobalAndSubjectConfigAndClearedConfigAsTombstone() {
        ConfigEntry global = new ConfigEntry(null, CompatibilityLevel.FULL);
        ConfigEntry subject = new ConfigEntry("orders-value", CompatibilityLevel.NONE);
        ConfigEntry cleared = new ConfigEntry("orders-value", null);

        assertThat(StoreRecordCodec.decode(StoreRecordCodec.key(global), StoreRecordCodec.value(global), "t@1"))
                .isEqualTo(global);
        assertThat(StoreRecordCodec.decode(StoreRecordCodec.key(subject), StoreRecordCodec.value(subject), "t@2"))
                .isEqualTo(subject);
        assertThat(StoreRecordCodec.value(cleared)).isNull();
        assertThat(StoreRecordCodec.decode(StoreRecordCodec.key(cleared), null, "t@3")).isEqualTo(cleared);
    }

    @Test
    void shouldGiveSameKeyToRecordsThatReplaceEachOther() {
        assertThat(StoreRecordCodec.key(new SchemaEntry("s", 1, 1, "\"int\"", false)))
                .isEqualTo(StoreRecordCodec.key(new SchemaEntry("s", 1, 1, "\"int\"", true)));
    }

    @Test
    void shouldNameOffsetOfUnreadableRecord() {
        assertThatThrownBy(() -> StoreRecordCodec.decode("{\"keytype\":\"NOISE\"}", "{}", "_strangler_schemas-0@41"))
                .hasMessageContaining("_strangler_schemas-0@41").hasMessageContaining("NOISE");
    }
}
