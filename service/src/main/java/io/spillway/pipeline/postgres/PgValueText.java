package io.spillway.pipeline.postgres;

import io.spillway.change.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;

/**
 * A change event's column value as PostgreSQL's text input for that column's type: what COPY and casts
 * read. Decoding follows the value's Connect encoding (its logical name), which is what the connector
 * wrote; the result is exact for every type in {@link PgTypeMapper}'s table.
 */
public final class PgValueText {
    /** PGStatement.DATE_POSITIVE_INFINITY / DATE_NEGATIVE_INFINITY: how Debezium encodes +-infinity. */
    private static final long PG_POSITIVE_INFINITY_MS = 9223372036825200000L;
    private static final long PG_NEGATIVE_INFINITY_MS = -9223372036832400000L;

    /**
     * How Debezium 3.6 encodes a date of +infinity / -infinity: PostgreSQL's infinite dates overflow on the
     * way, differently when streamed (pgoutput) and when read by the snapshot (JDBC). These days lie beyond
     * year 1,700,000 AD or before PostgreSQL's first date, so no real date is taken for infinity.
     */
    private static final java.util.Set<Long> DATE_POSITIVE_INFINITY = java.util.Set.of(-2147472692L,
            -622191234L, -622191233L);
    private static final java.util.Set<Long> DATE_NEGATIVE_INFINITY = java.util.Set.of(-2147472691L,
            622191233L, 622191234L);
    private static final java.util.regex.Pattern SIGNED_ISO_TIMESTAMP =
            java.util.regex.Pattern.compile("([+-]?)(\\d+)-(\\d\\d-\\d\\d)T(.*)Z");

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
        return render(column.connectType(), column.logicalName(), column.parameters().get("scale"),
                column.itemType(), value);
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
                    return value.isNumber() ? date(value.asLong()) : value.asString();
                case "io.debezium.time.Time", "org.apache.kafka.connect.data.Time":
                    return value.isNumber() ? time(value.asLong() * 1000) : value.asString();
                case "io.debezium.time.MicroTime":
                    return value.isNumber() ? time(value.asLong()) : value.asString();
                case "io.debezium.time.NanoTime":
                    return value.isNumber() ? time(value.asLong() / 1000) : value.asString();
                case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp":
                    return value.isNumber() ? timestampMillis(value.asLong()) : value.asString();
                case "io.debezium.time.MicroTimestamp":
                    return value.isNumber() ? timestampMicros(value.asLong()) : value.asString();
                case "io.debezium.time.NanoTimestamp":
                    return value.isNumber() ? timestampNanos(value.asLong()) : value.asString();
                case "io.debezium.time.ZonedTimestamp":
                    return zonedTimestamp(value.asString());
                case "io.debezium.time.MicroDuration":
                    return value.isNumber() ? value.asLong() + " microseconds" : value.asString();
                case "org.apache.kafka.connect.data.Decimal":
                    return value.isString() && "bytes".equals(connectType)
                            ? decimal(value.asString(), scale == null ? 0 : Integer.parseInt(scale))
                            : value.asString();
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
            String element = render(type, logical, null, null, value.get(i));
            if (element == null) {
                literal.append("NULL");
            } else {
                literal.append('"').append(element.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return literal.append('}').toString();
    }

    /**
     * ISO 8601 with a signed year ({@code -0043-03-15T12:00:00Z} is 44 BC, {@code +10000-...} after 9999)
     * becomes PostgreSQL's era notation; anything else (including infinity) is already PostgreSQL input.
     */
    static String zonedTimestamp(String iso) {
        java.util.regex.Matcher m = SIGNED_ISO_TIMESTAMP.matcher(iso);
        if (!m.matches()) {
            return iso;
        }
        long isoYear = Long.parseLong(m.group(2)) * ("-".equals(m.group(1)) ? -1 : 1);
        if (m.group(1).isEmpty() && isoYear > 0) {
            return iso;
        }
        long year = isoYear <= 0 ? 1 - isoYear : isoYear;
        return String.format("%04d-%s %s+00%s", year, m.group(3), m.group(4), isoYear <= 0 ? " BC" : "");
    }

    private static String decimal(String base64, int scale) {
        return new BigDecimal(new BigInteger(Base64.getDecoder().decode(base64)), scale).toPlainString();
    }

    static String date(long epochDay) {
        if (epochDay == Integer.MAX_VALUE || DATE_POSITIVE_INFINITY.contains(epochDay)) {
            return "infinity";
        }
        if (epochDay == Integer.MIN_VALUE || DATE_NEGATIVE_INFINITY.contains(epochDay)) {
            return "-infinity";
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        return datePart(date.getYear(), date.getMonthValue(), date.getDayOfMonth()) + era(date.getYear());
    }

    static String time(long micros) {
        long hours = micros / 3_600_000_000L;
        long minutes = micros / 60_000_000L % 60;
        long seconds = micros / 1_000_000L % 60;
        long fraction = micros % 1_000_000L;
        return String.format("%02d:%02d:%02d.%06d", hours, minutes, seconds, fraction);
    }

    static String timestampMillis(long millis) {
        // Debezium hands timestamp(0..3) infinity over as PostgreSQL's sentinel divided by 1000.
        if (millis == PG_POSITIVE_INFINITY_MS || millis == PG_POSITIVE_INFINITY_MS / 1000 || millis == Long.MAX_VALUE) {
            return "infinity";
        }
        if (millis == PG_NEGATIVE_INFINITY_MS || millis == PG_NEGATIVE_INFINITY_MS / 1000 || millis == Long.MIN_VALUE) {
            return "-infinity";
        }
        return timestamp(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000);
    }

    static String timestampMicros(long micros) {
        if (micros == PG_POSITIVE_INFINITY_MS || micros == Long.MAX_VALUE) {
            return "infinity";
        }
        if (micros == PG_NEGATIVE_INFINITY_MS || micros == Long.MIN_VALUE) {
            return "-infinity";
        }
        return timestamp(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000);
    }

    static String timestampNanos(long nanos) {
        if (nanos == PG_POSITIVE_INFINITY_MS || nanos == Long.MAX_VALUE) {
            return "infinity";
        }
        if (nanos == PG_NEGATIVE_INFINITY_MS || nanos == Long.MIN_VALUE) {
            return "-infinity";
        }
        return timestamp(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L));
    }

    private static String timestamp(long epochSecond, int nanos) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, nanos, ZoneOffset.UTC);
        return datePart(t.getYear(), t.getMonthValue(), t.getDayOfMonth())
                + String.format(" %02d:%02d:%02d.%06d", t.getHour(), t.getMinute(), t.getSecond(), nanos / 1000)
                + era(t.getYear());
    }

    /** ISO years count a year 0; PostgreSQL's calendar goes from 1 BC to 1 AD. */
    private static String datePart(int isoYear, int month, int day) {
        int year = isoYear <= 0 ? 1 - isoYear : isoYear;
        return String.format("%04d-%02d-%02d", year, month, day);
    }

    private static String era(int isoYear) {
        return isoYear <= 0 ? " BC" : "";
    }
}
