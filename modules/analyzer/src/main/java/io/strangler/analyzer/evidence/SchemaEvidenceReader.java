package io.strangler.analyzer.evidence;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.ForeignKey;
import io.strangler.core.catalog.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns the core schema catalogue into {@link SchemaEvidence}. */
public final class SchemaEvidenceReader {

    private SchemaEvidenceReader() {
    }

    public static SchemaEvidence from(Catalog catalog) {
        List<TableName> tables = new ArrayList<>();
        List<TableName> withoutKey = new ArrayList<>();
        for (Table table : catalog.tables()) {
            TableName name = new TableName(table.schema(), table.name());
            tables.add(name);
            if (!table.hasPrimaryKey()) {
                withoutKey.add(name);
            }
        }
        Set<TableName> known = new HashSet<>(tables);
        List<ForeignKeyLink> links = new ArrayList<>();
        for (Table table : catalog.tables()) {
            TableName from = new TableName(table.schema(), table.name());
            for (ForeignKey fk : table.foreignKeys()) {
                TableName to = new TableName(fk.referencedSchema(), fk.referencedTable());
                // a key into a schema that was not read is no evidence about how to split the tables that were
                if (known.contains(to)) {
                    links.add(new ForeignKeyLink(from, to, fk.name(), fk.columns()));
                }
            }
        }
        return new SchemaEvidence(tables, links, withoutKey);
    }
}
