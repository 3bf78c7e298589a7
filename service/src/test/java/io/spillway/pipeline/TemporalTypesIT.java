package io.spillway.pipeline;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dates, times and timestamps at their edges: ±infinity (which Debezium encodes differently in the snapshot
 * and when streaming), PostgreSQL's first and last days, the years around 1 BC / 1 AD, arrays of them.
 */
class TemporalTypesIT extends TypeFamilyFixture {
    private static final String COLUMNS = """
            c_date date, c_ts timestamp, c_ts0 timestamp(0), c_ts3 timestamp(3), c_tstz timestamptz,
            c_tstz3 timestamptz(3), c_time time, c_iv interval, c_dates date[], c_tss timestamp[],
            c_tstzs timestamptz[], c_ts3s timestamp(3)[]""";

    @Test
    void infinitiesAndEdgeDatesArriveExactFromTheSnapshotAndFromStreaming() throws Exception {
        List<Values> both = List.of(
                new Values("'-infinity'", "'-infinity'", "'-infinity'", "'-infinity'", "'-infinity'", "'-infinity'",
                        "'00:00:00'", "'-178000000 years'", "'{-infinity,infinity,NULL}'", "'{-infinity,infinity}'",
                        "'{-infinity,infinity,NULL}'", "'{-infinity,NULL}'"),
                new Values("'infinity'", "'infinity'", "'infinity'", "'infinity'", "'infinity'", "'infinity'",
                        "'24:00:00'", "'178000000 years'", "'{infinity}'", "'{infinity,NULL}'", "'{infinity}'", "'{infinity}'"),
                new Values("'5874897-12-31'", "'0001-01-01 00:00:00 BC'", "'4713-01-01 00:00:00 BC'",
                        "'294276-12-31 23:59:59.999'", "'4714-11-24 00:00:00+00 BC'", "'294276-12-31 23:59:59.999+00'",
                        "'23:59:59.999999'", "'-1 years -2 mons +3 days -04:05:06.5'", "'{2000-02-29,5874897-12-31}'",
                        "'{\"1000-06-15 00:00:00\",\"0001-01-01 00:00:00 BC\",\"2000-01-01 00:00:00.000001\"}'",
                        "'{\"1000-06-15 00:00:00+00\",\"2262-04-11 23:47:16.854775+00\"}'",
                        "'{\"1582-10-04 23:59:59.999\",\"4713-01-01 00:00:00 BC\",\"1582-10-15 00:00:00\"}'"),
                new Values("NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"));
        // A BC date read by the snapshot arrives as the AD date, and BC elements of date[] and timestamptz[]
        // lose their era either way (Debezium, documented): BC dates stream only, arrays hold AD dates.
        List<Values> streamedOnly = List.of(
                new Values("'0044-03-15 BC'", "'0001-12-31 23:59:59.999999 BC'", "'1970-01-01 00:00:00'",
                        "'0001-01-01 00:00:00.001 BC'", "'0001-12-31 23:59:59.999999+00 BC'",
                        "'2000-01-01 00:00:00.5+00'", "'00:00:00.000001'", "'P1Y2M3DT4H5M6.789012S'",
                        "'{1000-06-15,1582-10-15,0001-01-01}'", "'{}'", "'{}'", "'{}'"),
                new Values("'4713-01-01 BC'", "'2000-02-29 12:00:00'", "'0001-01-01 00:00:00'", "'1969-12-31 23:59:59.999'",
                        "'1969-12-31 23:59:59.999999+00'", "'0001-01-01 00:00:00+00'", "'12:34:56.789012'",
                        "'1 day -1 microseconds'", "'{0001-01-01,1970-01-01}'", "'{-infinity}'", "'{-infinity}'",
                        "'{\"0001-12-31 23:59:59.999 BC\"}'"));
        assertSyncedExactly("temporal", COLUMNS, both, streamedOnly, Map.of(), Map.of(), Map.of());
    }
}
