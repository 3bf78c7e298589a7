package io.spillway.pipeline;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in ranges and multiranges: empty, unbounded, infinite and inclusive bounds, arrays of ranges. */
class RangeTypesIT extends TypeFamilyFixture {
    private static final String COLUMNS = """
            c_i4r int4range, c_i8r int8range, c_nr numrange, c_tsr tsrange, c_tstzr tstzrange, c_dr daterange,
            c_i4mr int4multirange, c_i8mr int8multirange, c_nmr nummultirange, c_tsmr tsmultirange,
            c_tstzmr tstzmultirange, c_dmr datemultirange, c_i4rs int4range[], c_drs daterange[]""";

    @Test
    void rangesAndMultirangesArriveExact() throws Exception {
        List<Values> both = List.of(
                new Values("'empty'", "'(,6)'", "'[1.5,2.5)'", "'[2024-01-01 00:00,infinity)'",
                        "'(-infinity,2024-01-01 00:00+00]'", "'(,)'", "'{[1,3),[5,7)}'", "'{}'", "'{(,)}'",
                        "'{[2024-01-01 00:00:00.000001,2024-01-02)}'", "'{(-infinity,infinity)}'",
                        "'{[2024-01-01,2024-01-05),[2025-01-01,)}'", "'{\"[1,3)\",empty,NULL}'",
                        "'{\"[2024-01-01,)\",empty}'"),
                new Values("'[1,2)'", "'[-9223372036854775808,9223372036854775807)'", "'(,)'", "'(,)'", "'empty'",
                        "'[2024-01-01,2024-01-02]'", "'{}'", "'{[-5,5)}'", "'{[0.000000001,1e20)}'", "'{}'", "'{}'",
                        "'{(,2000-01-01)}'", "'{}'", "'{}'"),
                new Values("'(,)'", "'empty'", "'(-0.00000000000000000001,)'", "'[0001-01-01 00:00 BC,2000-01-01)'",
                        "'[2000-01-01 00:00:00.000001+00,2000-01-01 00:00:00.000002+00]'",
                        "'[0044-03-15 BC,infinity)'", "'{(,)}'", "'{(,-1),[1,)}'", "'{empty}'", "'{}'", "'{}'", "'{}'",
                        "'{empty}'", "'{NULL}'"),
                new Values("NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL",
                        "NULL", "NULL", "NULL"));
        assertSyncedExactly("ranges", COLUMNS, both, List.of(), Map.of(), Map.of(), Map.of());
    }
}
