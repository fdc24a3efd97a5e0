package io.strangler.generator.openapi;

import io.strangler.generator.model.Field;
import java.util.LinkedHashMap;
import java.util.Map;

/** Example values that satisfy their field's schema (length, pattern, enum, range). */
final class Examples {

    private Examples() {
    }

    static Object of(Field field) {
        return switch (field.type()) {
            case INT16, INT32 -> field.minimum() != null && field.minimum() > 1 ? field.minimum() : 1;
            case INT64 -> 1L;
            case DECIMAL -> decimal(field);
            case FLOAT32, FLOAT64 -> 1.5;
            case BOOLEAN -> Boolean.TRUE;
            case DATE -> "2026-01-31";
            case TIME -> "09:30:00";
            case TIMESTAMP -> "2026-01-31T09:30:00";
            case TIMESTAMPTZ -> "2026-01-31T09:30:00Z";
            case UUID -> "3f2b8c4e-1d2a-4e5f-9a6b-7c8d9e0f1a2b";
            case BYTES -> "AQID";
            case JSON -> json();
            case ENUM -> field.enumValues().isEmpty() ? "value" : field.enumValues().get(0);
            case STRING, OTHER -> text(field);
        };
    }

    private static Map<String, Object> json() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("key", "value");
        return example;
    }

    private static String text(Field field) {
        String example = "example";
        if (field.maxLength() != null && field.maxLength() < example.length()) {
            return "x".repeat(field.maxLength());
        }
        return example;
    }

    private static String decimal(Field field) {
        if (field.precision() == null) {
            return "12.50";
        }
        int scale = field.scale() == null ? 0 : field.scale();
        String integer = field.precision() - scale > 0 ? "1" : "0";
        return scale == 0 ? integer : integer + "." + "5".repeat(Math.min(scale, 2));
    }
}
