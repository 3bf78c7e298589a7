package io.spillway.pipeline.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.change.Column;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgTypeMapperTest {
    private static Column source(String type, String connect, int length, int scale) {
        return new Column("c", connect, null, Map.of("__debezium.source.column.type", type,
                "__debezium.source.column.length", String.valueOf(length),
                "__debezium.source.column.scale", String.valueOf(scale)), true, null);
    }

    @Test
    void sourceTypesWinWithTheirLengthAndScale() {
        assertThat(PgTypeMapper.sqlType(source("NUMERIC", "string", 12, 3))).isEqualTo("numeric(12,3)");
        assertThat(PgTypeMapper.sqlType(source("NUMERIC", "string", 131089, 0))).isEqualTo("numeric");
        assertThat(PgTypeMapper.sqlType(source("VARCHAR", "string", 10, 0))).isEqualTo("varchar(10)");
        assertThat(PgTypeMapper.sqlType(source("BPCHAR", "string", 5, 0))).isEqualTo("char(5)");
        assertThat(PgTypeMapper.sqlType(source("TIMESTAMPTZ", "string", 35, 6))).isEqualTo("timestamptz");
        assertThat(PgTypeMapper.sqlType(source("TIMESTAMP", "int64", 26, 3))).isEqualTo("timestamp(3)");
        assertThat(PgTypeMapper.sqlType(source("_INT4", "array", 10, 0))).isEqualTo("integer[]");
    }

    @Test
    void unknownOrHostileSourceTypesFallBackToConnectTypes() {
        assertThat(PgTypeMapper.sqlType(source("MY_ENUM", "string", 0, 0))).isEqualTo("text");
        assertThat(PgTypeMapper.sqlType(source("int); drop table x; --", "int64", 0, 0))).isEqualTo("bigint");
        assertThat(PgTypeMapper.sqlType(new Column("c", "int64", "io.debezium.time.MicroTimestamp", Map.of(), true,
                null))).isEqualTo("timestamp");
        assertThat(PgTypeMapper.sqlType(new Column("c", "double", null, Map.of(), true, null)))
                .isEqualTo("double precision");
        assertThat(PgTypeMapper.sqlType(new Column("c", "array", null, Map.of(), true, "string"))).isEqualTo("text[]");
        assertThat(PgTypeMapper.sqlType(new Column("c", "bytes", "io.debezium.data.Bits", Map.of("length", "8"), true,
                null))).isEqualTo("varbit");
        assertThat(PgTypeMapper.sqlType(new Column("c", "struct", "io.debezium.data.geometry.Point", Map.of(), true,
                null))).isEqualTo("point");
    }

    @Test
    void formerConnectFallbackTypesKeepTheirType() {
        assertThat(PgTypeMapper.sqlType(source("MONEY", "string", 2147483647, 0))).isEqualTo("money");
        assertThat(PgTypeMapper.sqlType(source("BIT", "boolean", 1, 0))).isEqualTo("bit(1)");
        assertThat(PgTypeMapper.sqlType(source("BIT", "bytes", 70, 0))).isEqualTo("bit(70)");
        assertThat(PgTypeMapper.sqlType(source("VARBIT", "bytes", 2147483647, 0))).isEqualTo("varbit");
        assertThat(PgTypeMapper.sqlType(source("VARBIT", "bytes", 5, 0))).isEqualTo("varbit(5)");
        assertThat(PgTypeMapper.sqlType(source("POLYGON", "bytes", 2147483647, 0))).isEqualTo("polygon");
        assertThat(PgTypeMapper.sqlType(source("POINT", "struct", 2147483647, 0))).isEqualTo("point");
        assertThat(PgTypeMapper.sqlType(source("DATEMULTIRANGE", "bytes", 2147483647, 0))).isEqualTo("datemultirange");
        assertThat(PgTypeMapper.sqlType(source("_INT4RANGE", "array", 2147483647, 0))).isEqualTo("int4range[]");
        assertThat(PgTypeMapper.sqlType(source("_TIMESTAMP", "array", 26, 3))).isEqualTo("timestamp(3)[]");
        assertThat(PgTypeMapper.sqlType(source("_VARCHAR", "array", 12, 0))).isEqualTo("varchar(12)[]");
        assertThat(PgTypeMapper.sqlType(source("__INT4", "array", 10, 0))).isEqualTo("text[]");
        assertThat(PgTypeMapper.sqlType(source("PG_LSN", "bytes", 2147483647, 0))).isEqualTo("pg_lsn");
        assertThat(PgTypeMapper.sqlType(source("OID", "int64", 10, 0))).isEqualTo("oid");
        assertThat(PgTypeMapper.sqlType(source("CHAR", "string", 1, 0))).isEqualTo("\"char\"");
        assertThat(PgTypeMapper.sqlType(source("HSTORE", "string", 2147483647, 0))).isEqualTo("text");
        assertThat(PgTypeMapper.sqlType(source("REGCLASS", "bytes", 2147483647, 0))).isEqualTo("text");
        assertThat(PgTypeMapper.sqlType(source("MY_COMPOSITE", "bytes", 2147483647, 0))).isEqualTo("bytea");
    }
}
