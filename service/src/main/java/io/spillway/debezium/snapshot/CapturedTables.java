package io.spillway.debezium.snapshot;

import io.spillway.api.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the tables and row filters of a snapshot or capture request before they reach Debezium: names are
 * {@code schema.table} of plain identifiers (they go into a signal and into {@code table.include.list}, both
 * read as regular expressions), a table must be one the connector captures, and a row filter is one SQL
 * condition without statement separators or comments (Debezium runs it as the connector's user).
 */
final class CapturedTables {
    static final int MAX_TABLES = 100;
    static final int MAX_FILTER_LENGTH = 2_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}\\.[A-Za-z_][A-Za-z0-9_$]{0,62}");

    private CapturedTables() {
    }

    /** The names, checked: present, at most {@link #MAX_TABLES}, each {@code schema.table}, no duplicates. */
    static List<String> requireNames(List<String> tables, String field) {
        if (tables == null || tables.isEmpty()) {
            throw new InvalidRequestException(field + " is empty: list the tables as \"schema.table\", e.g. "
                    + "[\"public.person12\"]");
        }
        if (tables.size() > MAX_TABLES) {
            throw new InvalidRequestException(field + " lists " + tables.size() + " tables: at most " + MAX_TABLES
                    + " per request");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String table : tables) {
            if (table == null || !NAME.matcher(table).matches()) {
                throw new InvalidRequestException(field + ": '" + table + "' is not a table name of the form "
                        + "schema.table (letters, digits, _ and $, each part starting with a letter or _)");
            }
            if (!unique.add(table)) {
                throw new InvalidRequestException(field + " names '" + table + "' twice: list each table once");
            }
        }
        return List.copyOf(unique);
    }

    /** The row filters, checked: each for a requested table, one condition, no {@code ;} and no comments. */
    static Map<String, String> requireFilters(Map<String, String> filters, List<String> tables) {
        Map<String, String> checked = new LinkedHashMap<>();
        if (filters == null) {
            return checked;
        }
        for (Map.Entry<String, String> entry : filters.entrySet()) {
            String table = entry.getKey();
            String filter = entry.getValue();
            if (!tables.contains(table)) {
                throw new InvalidRequestException("filters names '" + table + "', which is not in tables: add it to "
                        + "tables or remove its filter");
            }
            if (filter == null || filter.isBlank()) {
                throw new InvalidRequestException("the filter of '" + table + "' is empty: give a condition such as "
                        + "\"id > 100\", or leave the table out of filters");
            }
            if (filter.length() > MAX_FILTER_LENGTH) {
                throw new InvalidRequestException("the filter of '" + table + "' is longer than " + MAX_FILTER_LENGTH
                        + " characters");
            }
            if (filter.contains(";") || filter.contains("--") || filter.contains("/*") || filter.contains("*/")
                    || filter.indexOf('\0') >= 0) {
                throw new InvalidRequestException("the filter of '" + table + "' contains ';', a comment or a NUL: "
                        + "a filter is one SQL condition on the table's columns, e.g. \"id > 100 AND status = 'x'\"");
            }
            checked.put(table, filter.strip());
        }
        return checked;
    }

    /** Refuses the tables the connector does not capture, naming its include/exclude lists. */
    static void requireCaptured(List<String> tables, Map<String, String> config, String connector) {
        List<String> missing = new ArrayList<>();
        for (String table : tables) {
            if (!captured(table, config)) {
                missing.add(table);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequestException("connector '" + connector + "' does not capture " + missing
                    + " (table.include.list=" + config.getOrDefault("table.include.list", "(not set)")
                    + "): add them first with PATCH /debezium/connector/" + connector
                    + " {\"add_tables\": [...]}, which also snapshots them");
        }
    }

    /** Debezium's own rule: the include lists (or else exclude lists) of schemas and tables, matched whole. */
    static boolean captured(String table, Map<String, String> config) {
        String schema = table.substring(0, table.indexOf('.'));
        return admitted(schema, config.get("schema.include.list"), config.get("schema.exclude.list"))
                && admitted(table, config.get("table.include.list"), config.get("table.exclude.list"));
    }

    private static boolean admitted(String name, String includeList, String excludeList) {
        if (includeList != null && !includeList.isBlank()) {
            return matchesAny(name, includeList);
        }
        return excludeList == null || excludeList.isBlank() || !matchesAny(name, excludeList);
    }

    private static boolean matchesAny(String name, String regexList) {
        return entries(regexList).stream()
                .anyMatch(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(name).matches());
    }

    /** The comma-separated entries of a Debezium list, trimmed. */
    static List<String> entries(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
