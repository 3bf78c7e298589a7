package io.spillway.pipeline;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** money at the ends of its range, and bit strings: bit(1), bit(n) with leading zeros, up to 70 bits, varbit. */
class MoneyAndBitTypesIT extends TypeFamilyFixture {
    private static final String COLUMNS = """
            c_money money, c_bit1 bit(1), c_bit8 bit(8), c_bit70 bit(70), c_varbit varbit, c_varbit5 varbit(5)""";

    @Test
    void moneyAndBitStringsKeepTheirValueAndType() throws Exception {
        List<Values> both = List.of(
                new Values("'-92233720368547758.08'", "B'1'", "B'00000001'", "repeat('01', 35)::bit(70)", "B'1'",
                        "B'10101'"),
                new Values("'92233720368547758.07'", "B'0'", "B'10000000'", "repeat('1', 70)::bit(70)", "B'1011'",
                        "B'1'"),
                new Values("'-0.01'", "NULL", "B'00000000'", "repeat('0', 70)::bit(70)",
                        "('1' || repeat('0', 68) || '1')::varbit", "B'11111'"),
                new Values("'1234567.89'", "NULL", "NULL", "NULL", "B'0'", "NULL"),
                new Values("0", "B'1'", "B'01111111'", "('0' || repeat('1', 69))::bit(70)", "NULL", "B'0'"));
        assertSyncedExactly("moneybits", COLUMNS, both, List.of(), Map.of(), Map.of(), Map.of());
    }
}
