package io.spillway.pipeline.postgres;

import io.spillway.change.Column;
import io.spillway.pipeline.postgres.types.BitText;
import io.spillway.pipeline.postgres.types.GeometricText;
import io.spillway.pipeline.postgres.types.HstoreText;
import io.spillway.pipeline.postgres.types.TemporalText;
import io.spillway.pipeline.postgres.types.UnknownTypeText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;

/**
 * A change event's column value as PostgreSQL's text input for that column's type: what COPY and casts
 * read. Decoding follows the value's Connect encoding (its logical name), which is what the connector
 * wrote, and, where that is not enough, the source type Debezium propagated (bit strings, hstore, types
 * it sends as the bytes of their text); the family decoders are in {@code postgres.types}. The result is
 * exact for every type in {@link PgTypeMapper}'s table, within what Debezium's record holds (docs/jobs.md).
 */
public final class PgValueText {
    private PgValueText() {
    }

    /** Null for SQL NULL. */
    public static String of(Column column, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isString() && isNumericSource(column)) {
            // decimal.handling.mode=string spells the special values as Java's enum names.
            switch (value.asString()) {
                case "POSITIVE_INFINITY":
                    return "Infinity";
                case "NEGATIVE_INFINITY":
                    return "-Infinity";
                default:
                    break;
            }
        }
        String bySourceType = bySourceType(column, value);
        if (bySourceType != null) {
            return bySourceType;
        }
        return render(column.connectType(), column.logicalName(), column.parameters().get("scale"),
                column.itemType(), value);
    }

    /** Types whose record alone does not say how PostgreSQL reads them back; null for the others. */
    private static String bySourceType(Column column, JsonNode value) {
        String source = column.sourceType();
        boolean fixedBits = "BIT".equalsIgnoreCase(source);
        if ("io.debezium.data.Bits".equals(column.logicalName()) && value.isString()) {
            // Only bit(n) may be padded to its length; for varbit the length is the maximum.
            return BitText.ofBits(value.asString(), fixedBits ? intParameter(column, "length") : -1);
        }
        if (source == null) {
            return null;
        }
        if (fixedBits && value.isBoolean()) {
            return BitText.ofBoolean(value.asBoolean());
        }
        if (source.equalsIgnoreCase("HSTORE")) {
            return HstoreText.of(value);
        }
        return "bytes".equals(column.connectType()) && value.isString() && UnknownTypeText.carries(source)
                ? UnknownTypeText.of(value.asString()) : null;
    }

    private static int intParameter(Column column, String name) {
        try {
            return Integer.parseInt(column.parameters().getOrDefault(name, "-1").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isNumericSource(Column column) {
        String source = column.sourceType();
        return source != null && (source.equalsIgnoreCase("numeric") || source.equalsIgnoreCase("decimal"));
    }

    private static String render(String connectType, String logicalName, String scale, String itemType,
            JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (logicalName != null) {
            switch (logicalName) {
                case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date":
                    return value.isNumber() ? TemporalText.date(value.asLong()) : value.asString();
                case "io.debezium.time.Time", "org.apache.kafka.connect.data.Time":
                    return value.isNumber() ? TemporalText.time(value.asLong() * 1000) : value.asString();
                case "io.debezium.time.MicroTime":
                    return value.isNumber() ? TemporalText.time(value.asLong()) : value.asString();
                case "io.debezium.time.NanoTime":
                    return value.isNumber() ? TemporalText.time(value.asLong() / 1000) : value.asString();
                case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp":
                    return value.isNumber() ? TemporalText.timestampMillis(value.asLong()) : value.asString();
                case "io.debezium.time.MicroTimestamp":
                    return value.isNumber() ? TemporalText.timestampMicros(value.asLong()) : value.asString();
                case "io.debezium.time.NanoTimestamp":
                    return value.isNumber() ? TemporalText.timestampNanos(value.asLong()) : value.asString();
                case "io.debezium.time.ZonedTimestamp":
                    return TemporalText.zonedTimestamp(value.asString());
                case "io.debezium.time.MicroDuration":
                    return value.isNumber() ? value.asLong() + " microseconds" : value.asString();
                case "org.apache.kafka.connect.data.Decimal":
                    return value.isString() && "bytes".equals(connectType)
                            ? decimal(value.asString(), scale == null ? 0 : Integer.parseInt(scale))
                            : value.asString();
                case "io.debezium.data.geometry.Point":
                    return GeometricText.point(value);
                case "io.debezium.data.VariableScaleDecimal":
                    return value.isObject()
                            ? decimal(value.get("value").asString(), value.get("scale").asInt())
                            : value.asString();
                default:
                    break;
            }
        }
        if (connectType == null) {
            return value.isValueNode() ? value.asString() : value.toString();
        }
        return switch (connectType) {
            case "bytes" -> "\\x" + HexFormat.of().formatHex(Base64.getDecoder().decode(value.asString()));
            case "array" -> array(itemType, value);
            case "struct", "map" -> value.toString();
            default -> value.isValueNode() ? value.asString() : value.toString();
        };
    }

    /** A PostgreSQL array literal: every element quoted, so no element's text can break the literal. */
    private static String array(String itemType, JsonNode value) {
        if (!value.isArray()) {
            return value.asString();
        }
        String type = itemType;
        String logical = null;
        if (itemType != null && itemType.indexOf(':') >= 0) {
            type = itemType.substring(0, itemType.indexOf(':'));
            logical = itemType.substring(itemType.indexOf(':') + 1);
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < value.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            String element = arrayElement(type, logical, value.get(i));
            if (element == null) {
                literal.append("NULL");
            } else {
                literal.append('"').append(element.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return literal.append('}').toString();
    }

    /** Timestamps in arrays take another path through Debezium than scalars (see TemporalText). */
    private static String arrayElement(String type, String logical, JsonNode element) {
        if (element.isNumber() && "io.debezium.time.MicroTimestamp".equals(logical)) {
            return TemporalText.timestampMicrosInArray(element.asLong());
        }
        if (element.isNumber() && "io.debezium.time.Timestamp".equals(logical)) {
            return TemporalText.timestampMillisInArray(element.asLong());
        }
        return render(type, logical, null, null, element);
    }

    private static String decimal(String base64, int scale) {
        return new BigDecimal(new BigInteger(Base64.getDecoder().decode(base64)), scale).toPlainString();
    }
}
