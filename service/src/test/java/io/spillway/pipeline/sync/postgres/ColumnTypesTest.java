package io.spillway.pipeline.sync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnTypesTest {
    @Test
    void theMappersNamesReadAsFormatTypePrintsThem() {
        // format_type's output for each, as PostgreSQL 15 prints it (checked against a real server).
        assertThat(ColumnTypes.canonical("varchar(10)")).isEqualTo("character varying(10)");
        assertThat(ColumnTypes.canonical("varchar")).isEqualTo("character varying");
        assertThat(ColumnTypes.canonical("char(5)")).isEqualTo("character(5)");
        assertThat(ColumnTypes.canonical("bpchar")).isEqualTo("bpchar");
        assertThat(ColumnTypes.canonical("\"char\"")).isEqualTo("\"char\"");
        assertThat(ColumnTypes.canonical("time(3)")).isEqualTo("time(3) without time zone");
        assertThat(ColumnTypes.canonical("timetz(3)")).isEqualTo("time(3) with time zone");
        assertThat(ColumnTypes.canonical("timetz")).isEqualTo("time with time zone");
        assertThat(ColumnTypes.canonical("timestamp")).isEqualTo("timestamp without time zone");
        assertThat(ColumnTypes.canonical("timestamptz(3)")).isEqualTo("timestamp(3) with time zone");
        assertThat(ColumnTypes.canonical("interval(3)")).isEqualTo("interval(3)");
        assertThat(ColumnTypes.canonical("numeric(10,2)")).isEqualTo("numeric(10,2)");
        assertThat(ColumnTypes.canonical("bit")).isEqualTo("bit(1)");
        assertThat(ColumnTypes.canonical("varbit(5)")).isEqualTo("bit varying(5)");
        assertThat(ColumnTypes.canonical("varchar(12)[]")).isEqualTo("character varying(12)[]");
        assertThat(ColumnTypes.canonical("timestamp(3)[]")).isEqualTo("timestamp(3) without time zone[]");
        assertThat(ColumnTypes.canonical("double precision")).isEqualTo("double precision");
        assertThat(ColumnTypes.canonical("integer[]")).isEqualTo("integer[]");
    }

    @Test
    void widensOnlyWhereEveryValueStaysTheSame() {
        assertThat(ColumnTypes.widens("integer", "bigint")).isTrue();
        assertThat(ColumnTypes.widens("smallint", "integer")).isTrue();
        assertThat(ColumnTypes.widens("smallint", "bigint")).isTrue();
        assertThat(ColumnTypes.widens("real", "double precision")).isTrue();
        assertThat(ColumnTypes.widens("character varying(10)", "character varying(50)")).isTrue();
        assertThat(ColumnTypes.widens("character varying(10)", "character varying")).isTrue();
        assertThat(ColumnTypes.widens("character varying(10)", "text")).isTrue();
        assertThat(ColumnTypes.widens("numeric(10,2)", "numeric(12,2)")).isTrue();
        assertThat(ColumnTypes.widens("numeric(10,2)", "numeric")).isTrue();
        assertThat(ColumnTypes.widens("timestamp(3) without time zone", "timestamp without time zone")).isTrue();
        assertThat(ColumnTypes.widens("time(2) with time zone", "time(5) with time zone")).isTrue();
        assertThat(ColumnTypes.widens("bit varying(5)", "bit varying(8)")).isTrue();
        assertThat(ColumnTypes.widens("integer[]", "bigint[]")).isTrue();
        assertThat(ColumnTypes.widens("character varying(10)[]", "text[]")).isTrue();
    }

    @Test
    void narrowingsAndOtherChangesAreNotWidenings() {
        assertThat(ColumnTypes.widens("bigint", "integer")).isFalse();
        assertThat(ColumnTypes.widens("text", "integer")).isFalse();
        assertThat(ColumnTypes.widens("integer", "text")).isFalse();
        assertThat(ColumnTypes.widens("integer", "numeric")).isFalse();
        assertThat(ColumnTypes.widens("character varying(50)", "character varying(10)")).isFalse();
        assertThat(ColumnTypes.widens("text", "character varying")).isFalse();
        assertThat(ColumnTypes.widens("numeric(10,2)", "numeric(12,3)")).isFalse();
        assertThat(ColumnTypes.widens("numeric", "numeric(12,2)")).isFalse();
        assertThat(ColumnTypes.widens("double precision", "real")).isFalse();
        assertThat(ColumnTypes.widens("timestamp without time zone", "timestamp with time zone")).isFalse();
        assertThat(ColumnTypes.widens("timestamp without time zone", "timestamp(3) without time zone")).isFalse();
        assertThat(ColumnTypes.widens("integer", "integer")).isFalse();
        assertThat(ColumnTypes.widens("time(6) without time zone", "time without time zone")).isFalse();
        assertThat(ColumnTypes.widens("integer", "bigint[]")).isFalse();
        assertThat(ColumnTypes.widens("character(5)", "character(10)")).isFalse();
    }

    @Test
    void anExplicitDefaultPrecisionIsTheSameType() {
        assertThat(ColumnTypes.same("timestamp(6) with time zone", "timestamp with time zone")).isTrue();
        assertThat(ColumnTypes.same("interval(6)", "interval")).isTrue();
        assertThat(ColumnTypes.same("timestamp(3) with time zone", "timestamp with time zone")).isFalse();
        assertThat(ColumnTypes.same("integer", "integer")).isTrue();
        assertThat(ColumnTypes.same("integer", "bigint")).isFalse();
    }
}
