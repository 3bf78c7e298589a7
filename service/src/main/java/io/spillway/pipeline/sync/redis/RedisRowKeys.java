package io.spillway.pipeline.sync.redis;

import io.spillway.change.TableId;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Redis keys of synced rows: {@code <key_prefix><schema>.<table>:<primary key>}. A key value is written as
 * its text with {@code %} and {@code :} percent-encoded ({@code %25}, {@code %3A}); a composite key's
 * values are joined with {@code :} in primary key order, so {@code (1, 'a:b')} is {@code 1:a%3Ab}: no two
 * keys collide, and a single integer key reads naturally ({@code public.person12:42}).
 */
public final class RedisRowKeys {
    private RedisRowKeys() {
    }

    public static String tablePrefix(String keyPrefix, TableId table) {
        return keyPrefix + table.schema() + "." + table.table() + ":";
    }

    public static String rowKey(String keyPrefix, TableId table, List<String> primaryKey, JsonNode keyImage) {
        List<String> parts = new ArrayList<>();
        for (String column : primaryKey) {
            JsonNode value = keyImage == null ? null : keyImage.get(column);
            String text = value == null || value.isNull() ? "" : value.isValueNode() ? value.asString() : value.toString();
            parts.add(text.replace("%", "%25").replace(":", "%3A"));
        }
        return tablePrefix(keyPrefix, table) + String.join(":", parts);
    }

    /**
     * The table's truncate watermark (the LSN of its last applied truncate), outside the table's key pattern
     * so deleting the table's keys keeps it: {@code <key_prefix>__spillway_truncated:<schema>.<table>}.
     */
    public static String truncateKey(String keyPrefix, TableId table) {
        return keyPrefix + "__spillway_truncated:" + table.schema() + "." + table.table();
    }

    /** A SCAN MATCH pattern for every row key of the table: glob characters in names are escaped. */
    public static String tablePattern(String keyPrefix, TableId table) {
        return globEscape(tablePrefix(keyPrefix, table)) + "*";
    }

    static String globEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
