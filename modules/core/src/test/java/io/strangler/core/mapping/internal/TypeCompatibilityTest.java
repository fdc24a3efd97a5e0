package io.strangler.core.mapping.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.catalog.Column;
import io.strangler.core.catalog.TypeFamily;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeCompatibilityTest {

    @Test
    void shouldPairSameFamilyEnumWithStringAndUuidWithString() {
        assertThat(TypeCompatibility.incompatibility(column("int4", "integer", TypeFamily.INTEGER),
                column("bigint", "bigint(20)", TypeFamily.INTEGER))).isEmpty();
        assertThat(TypeCompatibility.incompatibility(enumColumn(List.of("a")), string(10))).isEmpty();
        assertThat(TypeCompatibility.incompatibility(column("uuid", "uuid", TypeFamily.UUID), string(36))).isEmpty();
    }

    @Test
    void shouldRejectDifferentFamilies() {
        assertThat(TypeCompatibility.incompatibility(column("int4", "integer", TypeFamily.INTEGER), decimal(10, 0)))
                .hasValueSatisfying(message -> assertThat(message).contains("families integer and decimal"));
        assertThat(TypeCompatibility.incompatibility(column("jsonb", "jsonb", TypeFamily.JSON), string(100))).isPresent();
        assertThat(TypeCompatibility.incompatibility(column("interval", "interval", TypeFamily.OTHER),
                column("point", "point", TypeFamily.OTHER))).isPresent();
    }

    @Test
    void shouldWarnAboutNarrowingInTheDirectionOfTheWrite() {
        assertThat(TypeCompatibility.narrowing(string(100), string(50))).singleElement()
                .satisfies(problem -> assertThat(problem).startsWith("narrowing varchar(100) -> varchar(50)"));
        assertThat(TypeCompatibility.narrowing(string(50), string(100))).isEmpty();
        assertThat(TypeCompatibility.narrowing(decimal(12, 4), decimal(12, 2)))
                .anySatisfy(problem -> assertThat(problem).contains("scale 4 -> 2 loses decimal places"));
        assertThat(TypeCompatibility.narrowing(column("int8", "bigint", TypeFamily.INTEGER),
                column("int", "int(11)", TypeFamily.INTEGER))).singleElement()
                .satisfies(problem -> assertThat(problem).contains("large values will be rejected"));
        assertThat(TypeCompatibility.narrowing(column("int", "int(10) unsigned", TypeFamily.INTEGER),
                column("int4", "integer", TypeFamily.INTEGER))).hasSize(1);
        assertThat(TypeCompatibility.narrowing(enumColumn(List.of("new", "paid")), enumColumn(List.of("new"))))
                .singleElement().satisfies(problem -> assertThat(problem).contains("labels [paid] do not exist"));
    }

    @Test
    void shouldRejectUuidIntoShortString() {
        assertThat(TypeCompatibility.narrowing(column("uuid", "uuid", TypeFamily.UUID), string(32)))
                .singleElement().satisfies(problem -> assertThat(problem).startsWith("ERROR:a UUID needs 36 characters"));
    }

    private static Column string(int length) {
        return new Column("c", 1, "varchar", "varchar(" + length + ")", Types.VARCHAR, TypeFamily.STRING, false, length,
                null, null, null, false, List.of());
    }

    private static Column decimal(int precision, int scale) {
        return new Column("c", 1, "numeric", "numeric(" + precision + "," + scale + ")", Types.NUMERIC, TypeFamily.DECIMAL,
                false, null, precision, scale, null, false, List.of());
    }

    private static Column enumColumn(List<String> labels) {
        return new Column("c", 1, "status", "status", Types.VARCHAR, TypeFamily.ENUM, false, null, null, null, null, false,
                labels);
    }

    private static Column column(String type, String columnType, TypeFamily family) {
        return new Column("c", 1, type, columnType, Types.OTHER, family, false, null, null, null, null, false, List.of());
    }
}
