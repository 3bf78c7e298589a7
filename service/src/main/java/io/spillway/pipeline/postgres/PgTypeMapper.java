package io.spillway.pipeline.postgres;

import io.spillway.change.Column;
import java.util.Locale;
import java.util.Map;

/**
 * The PostgreSQL type of a target column. The source's own type name (propagated by Debezium with
 * {@code column.propagate.source.type}) wins when it is a built-in type we know how to load; otherwise
 * Connect's type and logical name decide. Only names from the tables below reach DDL, never the source's
 * type name itself: a source type is data, too.
 */
public final class PgTypeMapper {
    /** Built-in source types loaded as themselves (Debezium names them by their internal names). */
    private static final Map<String, String> SOURCE_TYPES = Map.ofEntries(
            Map.entry("int2", "smallint"), Map.entry("smallint", "smallint"), Map.entry("smallserial", "smallint"),
            Map.entry("int4", "integer"), Map.entry("integer", "integer"), Map.entry("int", "integer"),
            Map.entry("serial", "integer"),
            Map.entry("int8", "bigint"), Map.entry("bigint", "bigint"), Map.entry("bigserial", "bigint"),
            Map.entry("oid", "oid"),
            Map.entry("numeric", "numeric"), Map.entry("decimal", "numeric"),
            Map.entry("float4", "real"), Map.entry("real", "real"),
            Map.entry("float8", "double precision"), Map.entry("double precision", "double precision"),
            Map.entry("bool", "boolean"), Map.entry("boolean", "boolean"),
            Map.entry("text", "text"), Map.entry("name", "name"), Map.entry("citext", "text"),
            Map.entry("varchar", "varchar"), Map.entry("character varying", "varchar"),
            // Debezium's CHAR is the one-byte internal type "char"; char(n) arrives as BPCHAR.
            Map.entry("bpchar", "char"), Map.entry("char", "\"char\""), Map.entry("character", "char"),
            Map.entry("bytea", "bytea"),
            Map.entry("date", "date"),
            Map.entry("time", "time"), Map.entry("timetz", "timetz"),
            Map.entry("timestamp", "timestamp"), Map.entry("timestamptz", "timestamptz"),
            Map.entry("interval", "interval"),
            Map.entry("uuid", "uuid"), Map.entry("json", "json"), Map.entry("jsonb", "jsonb"), Map.entry("xml", "xml"),
            Map.entry("inet", "inet"), Map.entry("cidr", "cidr"), Map.entry("macaddr", "macaddr"),
            Map.entry("macaddr8", "macaddr8"), Map.entry("tsvector", "tsvector"), Map.entry("tsquery", "tsquery"),
            Map.entry("jsonpath", "jsonpath"), Map.entry("money", "money"),
            Map.entry("bit", "bit"), Map.entry("varbit", "varbit"),
            Map.entry("point", "point"), Map.entry("line", "line"), Map.entry("lseg", "lseg"), Map.entry("box", "box"),
            Map.entry("path", "path"), Map.entry("polygon", "polygon"), Map.entry("circle", "circle"),
            Map.entry("int4range", "int4range"), Map.entry("int8range", "int8range"),
            Map.entry("numrange", "numrange"), Map.entry("tsrange", "tsrange"), Map.entry("tstzrange", "tstzrange"),
            Map.entry("daterange", "daterange"), Map.entry("int4multirange", "int4multirange"),
            Map.entry("int8multirange", "int8multirange"), Map.entry("nummultirange", "nummultirange"),
            Map.entry("tsmultirange", "tsmultirange"), Map.entry("tstzmultirange", "tstzmultirange"),
            Map.entry("datemultirange", "datemultirange"),
            Map.entry("pg_lsn", "pg_lsn"), Map.entry("xid", "xid"), Map.entry("xid8", "xid8"), Map.entry("cid", "cid"),
            Map.entry("tid", "tid"), Map.entry("pg_snapshot", "pg_snapshot"), Map.entry("txid_snapshot", "txid_snapshot"),
            // Object names resolve only in the source database: kept as their text.
            Map.entry("regclass", "text"), Map.entry("regtype", "text"), Map.entry("regproc", "text"),
            Map.entry("regprocedure", "text"), Map.entry("regoper", "text"), Map.entry("regoperator", "text"),
            Map.entry("regconfig", "text"), Map.entry("regdictionary", "text"), Map.entry("regnamespace", "text"),
            Map.entry("regrole", "text"), Map.entry("regcollation", "text"),
            // Contrib types as text, so the target needs no extension; the text is the value's own output.
            Map.entry("ltree", "text"), Map.entry("lquery", "text"), Map.entry("ltxtquery", "text"),
            Map.entry("hstore", "text"));

    /** Types whose length/scale parameters are part of the type. */
    private static final int MAX_NUMERIC_PRECISION = 1000;
    private static final int MAX_CHAR_LENGTH = 10_485_760;
    private static final int MAX_BIT_LENGTH = 83_886_080;

    private PgTypeMapper() {
    }

    public static String sqlType(Column column) {
        String source = column.sourceType();
        if (source != null) {
            String mapped = fromSourceType(source.toLowerCase(Locale.ROOT), column.parameters());
            if (mapped != null && valueShapeFits(mapped, column)) {
                return mapped;
            }
        }
        return fromConnectType(column.connectType(), column.logicalName(), column.itemType());
    }

    private static String fromSourceType(String source, Map<String, String> parameters) {
        if (source.startsWith("_")) {
            // Debezium gives an array the element's length and scale: varchar(12)[], timestamp(3)[].
            String element = fromSourceType(source.substring(1), parameters);
            return element == null || element.endsWith("[]") ? null : element + "[]";
        }
        String base = SOURCE_TYPES.get(source);
        if (base == null) {
            return null;
        }
        int length = intParameter(parameters, "__debezium.source.column.length");
        int scale = intParameter(parameters, "__debezium.source.column.scale");
        return switch (base) {
            case "numeric" -> length > 0 && length <= MAX_NUMERIC_PRECISION && scale >= 0 && scale <= length
                    ? "numeric(" + length + "," + scale + ")" : "numeric";
            case "varchar" -> length > 0 && length <= MAX_CHAR_LENGTH ? "varchar(" + length + ")" : "varchar";
            case "char" -> length > 0 && length <= MAX_CHAR_LENGTH ? "char(" + length + ")" : "bpchar";
            // Fractional seconds below the default 6 are part of the type (timestamp(3)).
            case "time", "timetz", "timestamp", "timestamptz", "interval" -> scale >= 0 && scale < 6
                    ? base + "(" + scale + ")" : base;
            case "bit" -> length > 0 && length <= MAX_BIT_LENGTH ? "bit(" + length + ")" : "bit";
            case "varbit" -> length > 0 && length <= MAX_BIT_LENGTH ? "varbit(" + length + ")" : "varbit";
            default -> base;
        };
    }

    /** Arrays must arrive as arrays and scalars as scalars, else the value cannot be loaded as that type. */
    private static boolean valueShapeFits(String mapped, Column column) {
        boolean isArray = "array".equals(column.connectType());
        return mapped.endsWith("[]") == isArray;
    }

    static String fromConnectType(String connectType, String logicalName, String itemType) {
        if (logicalName != null) {
            String logical = switch (logicalName) {
                case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date" -> "date";
                case "io.debezium.time.Time", "io.debezium.time.MicroTime", "io.debezium.time.NanoTime",
                        "org.apache.kafka.connect.data.Time" -> "time";
                case "io.debezium.time.Timestamp", "io.debezium.time.MicroTimestamp",
                        "io.debezium.time.NanoTimestamp", "org.apache.kafka.connect.data.Timestamp" -> "timestamp";
                case "io.debezium.time.ZonedTimestamp" -> "timestamptz";
                case "io.debezium.time.ZonedTime" -> "timetz";
                case "io.debezium.time.MicroDuration", "io.debezium.time.Interval" -> "interval";
                case "org.apache.kafka.connect.data.Decimal", "io.debezium.data.VariableScaleDecimal" -> "numeric";
                case "io.debezium.data.Uuid" -> "uuid";
                case "io.debezium.data.Json" -> "jsonb";
                case "io.debezium.data.Xml" -> "xml";
                case "io.debezium.data.Bits" -> "varbit";
                case "io.debezium.data.geometry.Point" -> "point";
                default -> null;
            };
            if (logical != null) {
                return logical;
            }
        }
        if (connectType == null) {
            return "text";
        }
        return switch (connectType) {
            case "int8", "int16" -> "smallint";
            case "int32" -> "integer";
            case "int64" -> "bigint";
            case "float32", "float" -> "real";
            case "float64", "double" -> "double precision";
            case "boolean" -> "boolean";
            case "bytes" -> "bytea";
            case "array" -> arrayOf(itemType);
            case "struct", "map" -> "jsonb";
            default -> "text";
        };
    }

    private static String arrayOf(String itemType) {
        if (itemType == null) {
            return "text[]";
        }
        int colon = itemType.indexOf(':');
        String type = colon < 0 ? itemType : itemType.substring(0, colon);
        String logical = colon < 0 ? null : itemType.substring(colon + 1);
        String element = fromConnectType(type, logical, null);
        return element.endsWith("[]") ? "text[]" : element + "[]";
    }

    private static int intParameter(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null) {
            return -1;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
