package io.spillway.change;

import java.util.List;

/**
 * The shape of a table's rows as the change event carries it (empty columns when the topic was written
 * without embedded schemas), and its primary key (from the record key's fields).
 */
public record RowSchema(List<Column> columns, List<String> primaryKey) {
    public static final RowSchema UNKNOWN = new RowSchema(List.of(), List.of());

    public boolean isKnown() {
        return !columns.isEmpty();
    }
}
