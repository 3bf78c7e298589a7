package io.spillway.pipeline.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.change.Column;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PgValueTextTest {
    private static final JsonMapper json = JsonMapper.builder().build();

    private static Column column(String type, String logical, Map<String, String> params, String item) {
        return new Column("c", type, logical, params, true, item);
    }

    private static String text(Column column, String jsonValue) {
        return PgValueText.of(column, json.readTree(jsonValue));
    }

    @Test
    void temporalValuesBecomePostgresInputIncludingInfinityAndBc() {
        Column date = column("int32", "io.debezium.time.Date", Map.of(), null);
        assertThat(text(date, "0")).isEqualTo("1970-01-01");
        assertThat(text(date, "-735160")).isEqualTo("0044-03-15 BC");
        assertThat(text(date, "-2147472692")).isEqualTo("infinity");
        assertThat(text(date, "-2147472691")).isEqualTo("-infinity");
        Column ts = column("int64", "io.debezium.time.MicroTimestamp", Map.of(), null);
        assertThat(text(ts, "1500000")).isEqualTo("1970-01-01 00:00:01.500000");
        assertThat(text(ts, "-1")).isEqualTo("1969-12-31 23:59:59.999999");
        assertThat(text(ts, "9223372036825200000")).isEqualTo("infinity");
        assertThat(text(ts, "-9223372036832400000")).isEqualTo("-infinity");
        Column ts3 = column("int64", "io.debezium.time.Timestamp", Map.of(), null);
        assertThat(text(ts3, "9223372036825200")).isEqualTo("infinity");
        assertThat(text(ts3, "-9223372036832400")).isEqualTo("-infinity");
        assertThat(text(column("int64", "io.debezium.time.Timestamp", Map.of(), null), "1577840523456"))
                .isEqualTo("2020-01-01 01:02:03.456000");
        assertThat(text(column("int64", "io.debezium.time.MicroTime", Map.of(), null), "86400000000"))
                .isEqualTo("24:00:00.000000");
        Column tstz = column("string", "io.debezium.time.ZonedTimestamp", Map.of(), null);
        assertThat(text(tstz, "\"-0043-03-15T12:00:00.000000Z\"")).isEqualTo("0044-03-15 12:00:00.000000+00 BC");
        assertThat(text(tstz, "\"2024-01-01T10:00:00Z\"")).isEqualTo("2024-01-01T10:00:00Z");
        assertThat(text(tstz, "\"infinity\"")).isEqualTo("infinity");
        assertThat(text(tstz, "\"0000-01-01T00:00:00.000000Z\"")).isEqualTo("0001-01-01 00:00:00.000000+00 BC");
    }

    @Test
    void bytesDecimalsAndArraysAreExact() {
        assertThat(text(column("bytes", null, Map.of(), null), "\"AP8=\"")).isEqualTo("\\x00ff");
        assertThat(text(column("bytes", "org.apache.kafka.connect.data.Decimal", Map.of("scale", "2"), null),
                "\"AOI=\"")).isEqualTo("2.26");
        assertThat(text(column("struct", "io.debezium.data.VariableScaleDecimal", Map.of(), null),
                "{\"scale\":3,\"value\":\"AeI=\"}")).isEqualTo("0.482");
        assertThat(text(column("array", null, Map.of(), "string"), "[\"a,b\",null,\"c\\\"d\",\"e\\\\f\"]"))
                .isEqualTo("{\"a,b\",NULL,\"c\\\"d\",\"e\\\\f\"}");
        assertThat(text(column("array", null, Map.of(), "int32"), "[]")).isEqualTo("{}");
        assertThat(text(column("double", null, Map.of(), null), "\"NaN\"")).isEqualTo("NaN");
        assertThat(text(column("string", null, Map.of(), null), "null")).isNull();
    }

    private static Column sourced(String sourceType, String type, String logical, Map<String, String> params) {
        Map<String, String> all = new java.util.HashMap<>(params);
        all.put("__debezium.source.column.type", sourceType);
        return column(type, logical, all, null);
    }

    @Test
    void typesDebeziumHasNoConverterForArriveAsTheirText() {
        // Debezium's bytes for '[(0,0),(1,1)]' (lseg), '16/B374D848' (pg_lsn), '!a' (tsquery)
        assertThat(text(sourced("LSEG", "bytes", null, Map.of()), "\"WygwLjAsMC4wKSwoMS4wLDEuMCld\""))
                .isEqualTo("[(0.0,0.0),(1.0,1.0)]");
        assertThat(text(sourced("PG_LSN", "bytes", null, Map.of()), "\"MTYvQjM3NEQ4NDg=\"")).isEqualTo("16/B374D848");
        assertThat(text(sourced("TSQUERY", "bytes", null, Map.of()), "\"ISdhJw==\"")).isEqualTo("!'a'");
        // bytea, and user-defined types (which may be binary: a domain over bytea), stay bytes
        assertThat(text(sourced("BYTEA", "bytes", null, Map.of()), "\"ISdhJw==\"")).isEqualTo("\\x21276127");
        assertThat(text(sourced("MY_COMPOSITE", "bytes", null, Map.of()), "\"KDEseCk=\"")).isEqualTo("\\x28312c7829");
    }

    @Test
    void bitsPointsHstoresAndMoneyBecomeTheirPostgresInput() {
        assertThat(text(sourced("BIT", "boolean", null, Map.of("length", "1")), "true")).isEqualTo("1");
        assertThat(text(sourced("BIT", "bytes", "io.debezium.data.Bits", Map.of("length", "8")), "\"AQ==\""))
                .isEqualTo("00000001");
        assertThat(text(sourced("VARBIT", "bytes", "io.debezium.data.Bits", Map.of("length", "5")), "\"FQ==\""))
                .isEqualTo("10101");
        // without a propagated source type the column is varbit: the digits, unpadded
        assertThat(text(column("bytes", "io.debezium.data.Bits", Map.of("length", "8"), null), "\"AQ==\""))
                .isEqualTo("1");
        assertThat(text(sourced("POINT", "struct", "io.debezium.data.geometry.Point", Map.of()),
                "{\"x\": 1.5, \"y\": -2.25, \"wkb\": \"AQ==\", \"srid\": null}")).isEqualTo("(1.5,-2.25)");
        assertThat(text(sourced("HSTORE", "string", "io.debezium.data.Json", Map.of()), "\"{\\\"k\\\":null}\""))
                .isEqualTo("\"k\"=>NULL");
        assertThat(text(sourced("MONEY", "string", null, Map.of()), "\"-92233720368547758.08\""))
                .isEqualTo("-92233720368547758.08");
    }
}
