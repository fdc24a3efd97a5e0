package io.strangler.core.catalog.internal;

import io.strangler.core.catalog.CheckConstraint;
import io.strangler.core.catalog.Column;
import io.strangler.core.catalog.ForeignKey;
import io.strangler.core.catalog.Table;
import io.strangler.core.catalog.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;

/** Collects the rows of the per-schema queries for one table before the immutable {@link Table} is built. */
final class TableBuilder {

    final String schema;
    final String name;
    final List<Column> columns = new ArrayList<>();
    final List<String> primaryKey = new ArrayList<>();
    final List<ForeignKey> foreignKeys = new ArrayList<>();
    final List<UniqueConstraint> uniqueConstraints = new ArrayList<>();
    final List<CheckConstraint> checkConstraints = new ArrayList<>();

    TableBuilder(String schema, String name) {
        this.schema = schema;
        this.name = name;
    }

    Table build() {
        return new Table(schema, name, columns, primaryKey, foreignKeys, uniqueConstraints, checkConstraints);
    }
}
