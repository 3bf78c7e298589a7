package io.spillway.pipeline.postgres.types;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debezium's dates, times and timestamps as PostgreSQL input, {@code ±infinity} and BC included. Debezium
 * 3.6 hands infinities over as overflowed numbers that differ between the initial snapshot (read through
 * JDBC) and streaming (pgoutput); each value below was read from real records of both. None of them is a
 * date PostgreSQL can hold (they lie beyond 1,700,000 years from now or before 4713 BC), so no real value
 * is taken for infinity.
 */
public final class TemporalText {
    /** PGStatement.DATE_POSITIVE_INFINITY / DATE_NEGATIVE_INFINITY: timestamps' ±infinity, in µs and ms. */
    private static final long PG_POSITIVE_INFINITY = 9223372036825200000L;
    private static final long PG_NEGATIVE_INFINITY = -9223372036832400000L;

    /**
     * Epoch days of a date's +infinity: streamed, and from the snapshot (and in arrays). The snapshot's day
     * passes through java.sql.Date, which may shift it by the worker's time zone (seen: two days apart), so
     * its neighbours count too: none of them is a real date.
     */
    private static final Set<Long> DATE_POSITIVE_INFINITY = Set.of(-2147472692L, -622191235L, -622191234L,
            -622191233L);
    /**
     * Epoch days of a date's -infinity: streamed; from the snapshot (1711472-07-22 BC) and its neighbours; and
     * two days of about 1,705,000 AD that an earlier version of this class took for it.
     */
    private static final Set<Long> DATE_NEGATIVE_INFINITY = Set.of(-2147472691L, -625821273L, -625821272L,
            -625821271L, 622191233L, 622191234L);
    /**
     * A timestamptz of -infinity inside an array arrives as java.util.Date(Long.MIN_VALUE) without its era:
     * a year PostgreSQL's timestamps (up to 294276 AD) cannot reach.
     */
    private static final String ARRAY_TIMESTAMPTZ_NEGATIVE_INFINITY = "+292269055-12-02T23:00:00.000000Z";

    /** 1582-10-15T00:00Z in µs: the first day of the Gregorian calendar in java.util's calendars. */
    private static final long GREGORIAN_CUTOVER_MICROS = -12_219_292_800_000_000L;

    private static final Pattern SIGNED_ISO_TIMESTAMP = Pattern.compile("([+-]?)(\\d+)-(\\d\\d-\\d\\d)T(.*)Z");

    private TemporalText() {
    }

    public static String date(long epochDay) {
        if (epochDay == Integer.MAX_VALUE || DATE_POSITIVE_INFINITY.contains(epochDay)) {
            return "infinity";
        }
        if (epochDay == Integer.MIN_VALUE || DATE_NEGATIVE_INFINITY.contains(epochDay)) {
            return "-infinity";
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        return datePart(date.getYear(), date.getMonthValue(), date.getDayOfMonth()) + era(date.getYear());
    }

    public static String time(long micros) {
        long hours = micros / 3_600_000_000L;
        long minutes = micros / 60_000_000L % 60;
        long seconds = micros / 1_000_000L % 60;
        long fraction = micros % 1_000_000L;
        return String.format("%02d:%02d:%02d.%06d", hours, minutes, seconds, fraction);
    }

    public static String timestampMillis(long millis) {
        // timestamp(0..3) infinity is PostgreSQL's sentinel divided by 1000.
        if (millis == PG_POSITIVE_INFINITY / 1000 || millis == PG_POSITIVE_INFINITY || millis == Long.MAX_VALUE) {
            return "infinity";
        }
        if (millis == PG_NEGATIVE_INFINITY / 1000 || millis == PG_NEGATIVE_INFINITY || millis == Long.MIN_VALUE) {
            return "-infinity";
        }
        return timestamp(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000);
    }

    public static String timestampMicros(long micros) {
        if (micros == PG_POSITIVE_INFINITY || micros == Long.MAX_VALUE) {
            return "infinity";
        }
        if (micros == PG_NEGATIVE_INFINITY || micros == Long.MIN_VALUE) {
            return "-infinity";
        }
        return timestamp(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000);
    }

    public static String timestampNanos(long nanos) {
        if (nanos == PG_POSITIVE_INFINITY || nanos == Long.MAX_VALUE) {
            return "infinity";
        }
        if (nanos == PG_NEGATIVE_INFINITY || nanos == Long.MIN_VALUE) {
            return "-infinity";
        }
        return timestamp(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L));
    }

    /**
     * A timestamp element of an array, in µs. Debezium reads array elements through java.sql.Timestamp,
     * whose fields are in the Julian calendar before 1582-10-15, and sends the Gregorian instant of those
     * fields ({@code 1000-06-15} arrives as {@code 1000-06-21}). Reading the instant back in the same
     * Julian calendar gives the fields PostgreSQL held, era included. (Scalars do not take this path.) The
     * ten days 1582-10-05..14, which the Julian-Gregorian calendar lacks, arrive as 1582-10-15..24 and stay so.
     */
    public static String timestampMicrosInArray(long micros) {
        if (micros >= GREGORIAN_CUTOVER_MICROS || micros == PG_NEGATIVE_INFINITY || micros == Long.MIN_VALUE) {
            return timestampMicros(micros);
        }
        GregorianCalendar julian = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        julian.setTimeInMillis(Math.floorDiv(micros, 1000L));
        return String.format("%04d-%02d-%02d %02d:%02d:%02d.%06d%s", julian.get(Calendar.YEAR),
                julian.get(Calendar.MONTH) + 1, julian.get(Calendar.DAY_OF_MONTH), julian.get(Calendar.HOUR_OF_DAY),
                julian.get(Calendar.MINUTE), julian.get(Calendar.SECOND), Math.floorMod(micros, 1_000_000L),
                julian.get(Calendar.ERA) == GregorianCalendar.BC ? " BC" : "");
    }

    /** As {@link #timestampMicrosInArray}, for timestamp(0..3) elements in ms. */
    public static String timestampMillisInArray(long millis) {
        if (millis <= Long.MIN_VALUE / 1000 || millis >= GREGORIAN_CUTOVER_MICROS / 1000
                || millis == PG_NEGATIVE_INFINITY / 1000) {
            return timestampMillis(millis);
        }
        return timestampMicrosInArray(millis * 1000);
    }

    /**
     * ISO 8601 with a signed year ({@code -0043-03-15T12:00:00Z} is 44 BC, {@code +10000-...} after 9999)
     * becomes PostgreSQL's era notation; anything else (including infinity) is already PostgreSQL input.
     */
    public static String zonedTimestamp(String iso) {
        if (ARRAY_TIMESTAMPTZ_NEGATIVE_INFINITY.equals(iso)) {
            return "-infinity";
        }
        Matcher m = SIGNED_ISO_TIMESTAMP.matcher(iso);
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
