package io.spillway.pipeline.postgres.types;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The numbers are what Debezium 3.6 sent for these values on the devstack, snapshot and streamed. */
class TemporalTextTest {
    @Test
    void infiniteDatesFromTheSnapshotAndFromStreamingAreInfinity() {
        assertThat(TemporalText.date(-625821272)).isEqualTo("-infinity"); // snapshot, was "1711472-07-22 BC"
        assertThat(TemporalText.date(-2147472691)).isEqualTo("-infinity"); // streamed
        assertThat(TemporalText.date(-622191234)).isEqualTo("infinity"); // snapshot
        assertThat(TemporalText.date(-2147472692)).isEqualTo("infinity"); // streamed
    }

    @Test
    void extremeRealDatesStayDates() {
        assertThat(TemporalText.date(2145042905)).isEqualTo("5874897-12-31");
        assertThat(TemporalText.date(-735160)).isEqualTo("0044-03-15 BC");
        assertThat(TemporalText.date(-719162)).isEqualTo("0001-01-01");
        assertThat(TemporalText.date(-719163)).isEqualTo("0001-12-31 BC");
    }

    @Test
    void timestampsKeepInfinityAndEra() {
        assertThat(TemporalText.timestampMicros(-9223372036832400000L)).isEqualTo("-infinity");
        assertThat(TemporalText.timestampMicros(9223372036825200000L)).isEqualTo("infinity");
        assertThat(TemporalText.timestampMillis(-9223372036832400L)).isEqualTo("-infinity");
        assertThat(TemporalText.timestampMillis(9223372036825200L)).isEqualTo("infinity");
        assertThat(TemporalText.timestampMicros(-62167219200000000L)).isEqualTo("0001-01-01 00:00:00.000000 BC");
        assertThat(TemporalText.timestampMillis(-210863520000000L)).isEqualTo("4713-01-01 00:00:00.000000 BC");
        assertThat(TemporalText.timestampMillis(9224318015999999L)).isEqualTo("294276-12-31 23:59:59.999000");
    }

    @Test
    void zonedTimestampsKeepInfinityAndEra() {
        assertThat(TemporalText.zonedTimestamp("-infinity")).isEqualTo("-infinity");
        assertThat(TemporalText.zonedTimestamp("+292269055-12-02T23:00:00.000000Z")).isEqualTo("-infinity");
        assertThat(TemporalText.zonedTimestamp("-4713-11-24T00:00:00.000000Z"))
                .isEqualTo("4714-11-24 00:00:00.000000+00 BC");
        assertThat(TemporalText.zonedTimestamp("+294276-12-31T23:59:59.999Z"))
                .isEqualTo("294276-12-31 23:59:59.999+00");
    }

    @Test
    void arrayTimestampsBeforeTheGregorianCalendarAreReadBackInTheJulianOne() {
        // Seen on the devstack: '1000-06-15 00:00:00' in a timestamp[] arrived as 1000-06-21, and
        // '0001-01-01 00:00:00 BC' as 0002-12-30 BC.
        long june21 = java.time.LocalDateTime.of(1000, 6, 21, 0, 0, 0, 123_456_000)
                .toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + 123_456;
        assertThat(TemporalText.timestampMicrosInArray(june21)).isEqualTo("1000-06-15 00:00:00.123456");
        long dec30bc2 = java.time.LocalDateTime.of(-1, 12, 30, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L;
        assertThat(TemporalText.timestampMicrosInArray(dec30bc2)).isEqualTo("0001-01-01 00:00:00.000000 BC");
        assertThat(TemporalText.timestampMicrosInArray(946684800000000L)).isEqualTo("2000-01-01 00:00:00.000000");
        assertThat(TemporalText.timestampMicrosInArray(-9223372036832400000L)).isEqualTo("-infinity");
        assertThat(TemporalText.timestampMillisInArray(Math.floorDiv(june21, 1000L))).isEqualTo("1000-06-15 00:00:00.123000");
        assertThat(TemporalText.timestampMillisInArray(-9223372036832400L)).isEqualTo("-infinity");
        assertThat(TemporalText.timestampMillisInArray(9223372036825200L)).isEqualTo("infinity");
    }
}
