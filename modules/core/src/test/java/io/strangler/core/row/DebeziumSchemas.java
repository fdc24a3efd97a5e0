package io.strangler.core.row;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Connect schemas built the way Debezium 3.5 emits them (decimal.handling.mode=precise,
 * time.precision.mode=adaptive / adaptive_time_microseconds, binary.handling.mode=bytes), optionally with
 * column.propagate.source.type parameters.
 */
final class DebeziumSchemas {

    private DebeziumSchemas() {
    }

    static Schema decimal(int precision, int scale) {
        return Decimal.builder(scale).optional().parameter("connect.decimal.precision", String.valueOf(precision)).build();
    }

    static Schema variableScaleDecimal() {
        return SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal").version(1)
                .doc("Variable scaled decimal")
                .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).optional().build();
    }

    static Schema named(SchemaBuilder builder, String name) {
        return builder.name(name).version(1).optional().build();
    }

    static Schema date() {
        return named(SchemaBuilder.int32(), "io.debezium.time.Date");
    }

    static Schema microTime() {
        return named(SchemaBuilder.int64(), "io.debezium.time.MicroTime");
    }

    static Schema microTimestamp() {
        return named(SchemaBuilder.int64(), "io.debezium.time.MicroTimestamp");
    }

    static Schema zonedTimestamp() {
        return named(SchemaBuilder.string(), "io.debezium.time.ZonedTimestamp");
    }

    static Schema uuid() {
        return named(SchemaBuilder.string(), "io.debezium.data.Uuid");
    }

    static Schema json() {
        return named(SchemaBuilder.string(), "io.debezium.data.Json");
    }

    static Schema enumeration(String allowed) {
        return SchemaBuilder.string().name("io.debezium.data.Enum").version(1).parameter("allowed", allowed).optional().build();
    }

    static Schema withSource(SchemaBuilder builder, String type, int length) {
        return builder.optional().parameter("__debezium.source.column.type", type)
                .parameter("__debezium.source.column.length", String.valueOf(length)).build();
    }
}
