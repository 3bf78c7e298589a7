package io.spillway.debezium.snapshot;

import io.spillway.api.ConflictException;
import io.spillway.api.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * A new {@code table.include.list} from the current one and the tables to add and remove. Added tables are
 * written as {@code schema.table} (a regex that matches that table); a removed table must be an entry of
 * the list, as written or with its dot escaped. The list never becomes empty: an empty include list would
 * make Debezium capture every table.
 */
record IncludeList(List<String> entries, List<String> added, List<String> removed) {
    static IncludeList change(String current, List<String> add, List<String> remove, String connector) {
        if (current == null || current.isBlank()) {
            throw new ConflictException("connector '" + connector + "' has no table.include.list (it captures every "
                    + "table its schema lists admit): set table.include.list on the connector first, then add or "
                    + "remove tables here");
        }
        List<String> entries = new ArrayList<>(CapturedTables.entries(current));
        List<String> added = new ArrayList<>();
        for (String table : add) {
            if (!entries.contains(table) && !entries.contains(escaped(table))) {
                entries.add(table);
                added.add(table);
            }
        }
        List<String> notListed = new ArrayList<>();
        for (String table : remove) {
            if (!entries.remove(table) && !entries.remove(escaped(table))) {
                notListed.add(table);
            }
        }
        if (!notListed.isEmpty()) {
            throw new InvalidRequestException("remove_tables " + notListed + " are not entries of table.include.list ("
                    + current + "): remove only tables listed there");
        }
        if (entries.isEmpty()) {
            throw new InvalidRequestException("removing " + remove + " would leave table.include.list empty, and "
                    + "Debezium would then capture every table: delete the connector instead");
        }
        return new IncludeList(List.copyOf(entries), List.copyOf(added), List.copyOf(remove));
    }

    String value() {
        return String.join(",", entries);
    }

    private static String escaped(String table) {
        return table.replace(".", "\\.");
    }
}
