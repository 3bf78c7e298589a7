package io.spillway.change;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Finds the columns of an update that Debezium could not read: an unchanged TOASTed value (stored out of
 * line) is not in the WAL, so pgoutput sends no value and Debezium puts its placeholder
 * ({@code unavailable.value.placeholder}, {@value #PLACEHOLDER} unless the connector sets another) in the
 * after image, encoded for the column's Connect type: the string itself (text, varchar, json, jsonb, xml,
 * ...), its bytes (bytea, base64 in JSON), and for arrays a list holding the string, its base64, or its
 * bytes as numbers (integer arrays).
 *
 * <p>Only updates carry it (inserts and snapshot reads always have every value), and only columns whose
 * PostgreSQL type can be TOASTed: a fixed-size type (an enum, {@code name}, {@code uuid}, ...) holding
 * the placeholder's text is a genuine value.
 */
public final class UnavailableValue {
    public static final String PLACEHOLDER = "__debezium_unavailable_value";
    private static final String BASE64 = Base64.getEncoder().encodeToString(PLACEHOLDER.getBytes(StandardCharsets.UTF_8));
    private static final byte[] BYTES = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);

    /** Built-in types that are never stored out of line (fixed size, or too small to be moved). */
    private static final Set<String> NEVER_TOASTED = Set.of("bool", "boolean", "int2", "smallint", "int4", "integer",
            "int", "int8", "bigint", "float4", "real", "float8", "double precision", "oid", "date", "time", "timetz",
            "timestamp", "timestamptz", "interval", "uuid", "money", "name", "char", "\"char\"", "inet", "cidr",
            "macaddr", "macaddr8", "point", "pg_lsn", "serial", "bigserial", "smallserial");

    private UnavailableValue() {
    }

    /** The columns of {@code event}'s after image that hold the placeholder, in column order; none but in updates. */
    public static Set<String> columns(ChangeEvent event) {
        if (event.op() != Op.UPDATE || event.after() == null || !event.after().isObject()) {
            return Set.of();
        }
        Set<String> unavailable = null;
        for (Column column : event.schema().columns()) {
            if (is(column, event.after().get(column.name()))) {
                if (unavailable == null) {
                    unavailable = new LinkedHashSet<>();
                }
                unavailable.add(column.name());
            }
        }
        return unavailable == null ? Set.of() : Collections.unmodifiableSet(unavailable); // in column order
    }

    /** Whether {@code value}, in an update's after image, is the placeholder for {@code column}. */
    public static boolean is(Column column, JsonNode value) {
        // The value first: it is rarely the placeholder, and that is cheaper to see than the column's type.
        return holdsPlaceholder(column, value) && toastable(column);
    }

    private static boolean holdsPlaceholder(Column column, JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isString()) {
            String text = value.asString();
            return "bytes".equals(column.connectType()) ? BASE64.equals(text) : PLACEHOLDER.equals(text);
        }
        if (value.isArray() && "array".equals(column.connectType())) {
            if (value.size() == 1 && value.get(0).isString()) {
                String text = value.get(0).asString();
                return PLACEHOLDER.equals(text) || BASE64.equals(text);
            }
            return isPlaceholderBytes(value);
        }
        return false;
    }

    private static boolean isPlaceholderBytes(JsonNode array) {
        if (array.size() != BYTES.length) {
            return false;
        }
        for (int i = 0; i < BYTES.length; i++) {
            JsonNode item = array.get(i);
            if (!item.isIntegralNumber() || item.asLong() != BYTES[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean toastable(Column column) {
        String source = column.sourceType();
        if (source == null) {
            return Set.of("string", "bytes", "array", "map").contains(column.connectType());
        }
        return !NEVER_TOASTED.contains(source.toLowerCase(Locale.ROOT));
    }
}
