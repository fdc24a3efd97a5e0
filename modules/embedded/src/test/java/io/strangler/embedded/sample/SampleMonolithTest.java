package io.strangler.embedded.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleMonolithTest {

    private static final Pattern CREATE_TABLE = Pattern.compile("(?s)^CREATE TABLE (\\w+) \\((.*)\\)(?: ENGINE=.*)?$");
    private static final Pattern COLUMN = Pattern.compile("^\\s*(\\w+)\\s+(\\w+)");
    private static final List<String> NOT_COLUMNS = List.of("PRIMARY", "UNIQUE", "CONSTRAINT", "CHECK", "FOREIGN");

    @Test
    void shouldListTwentyTablesParentsFirst() {
        // Given the table list
        List<String> names = SampleMonolith.tableNames();

        // Then there are 20 and every foreign key points at the same or an earlier table
        assertThat(names).hasSize(20).doesNotHaveDuplicates();
        for (SampleTable table : SampleMonolith.tables()) {
            for (SampleTable.ForeignKey fk : table.foreignKeys()) {
                assertThat(names.indexOf(fk.referencedTable())).as(table.name() + "." + fk.column())
                        .isBetween(0, names.indexOf(table.name()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SampleEngine.class)
    void shouldDeclareTheSameTablesAndColumnsInTheScriptAsInTheMetadata(SampleEngine engine) {
        // Given the engine's DDL, parsed into table -> columns
        Map<String, List<String>> declared = new LinkedHashMap<>();
        for (String statement : SampleMonolith.statements(engine)) {
            Matcher table = CREATE_TABLE.matcher(statement);
            if (!table.matches()) {
                continue;
            }
            List<String> columns = new ArrayList<>();
            for (String line : table.group(2).split("\n")) {
                Matcher column = COLUMN.matcher(line);
                if (column.find() && !NOT_COLUMNS.contains(column.group(1).toUpperCase(Locale.ROOT))) {
                    columns.add(column.group(1));
                }
            }
            declared.put(table.group(1), columns);
        }

        // Then the script declares exactly the tables and columns of the metadata, in the same order
        Map<String, List<String>> expected = new LinkedHashMap<>();
        SampleMonolith.tables().forEach(t -> expected.put(t.name(), t.columnNames()));
        assertThat(declared).containsExactlyEntriesOf(expected);
    }

    @Test
    void shouldMarkEveryPostgresTableReplicaIdentityFull() {
        // Given the PostgreSQL script
        List<String> statements = SampleMonolith.statements(SampleEngine.POSTGRESQL);

        // Then every table gets REPLICA IDENTITY FULL
        for (String table : SampleMonolith.tableNames()) {
            assertThat(statements).contains("ALTER TABLE " + table + " REPLICA IDENTITY FULL");
        }
    }

    @Test
    void shouldRejectUnknownTableByName() {
        assertThatThrownBy(() -> SampleMonolith.table("order"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'order'");
    }
}
