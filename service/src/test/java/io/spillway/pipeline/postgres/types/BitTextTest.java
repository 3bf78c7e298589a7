package io.spillway.pipeline.postgres.types;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Base64 values as Debezium 3.6 sent them for these bit strings. */
class BitTextTest {
    @Test
    void fixedLengthBitsKeepTheirLeadingZeros() {
        assertThat(BitText.ofBits("AQ==", 8)).isEqualTo("00000001");
        assertThat(BitText.ofBits("gA==", 8)).isEqualTo("10000000");
        assertThat(BitText.ofBits("", 8)).isEqualTo("00000000");
        assertThat(BitText.ofBits("VVVVVVVVVVUV", 70)).isEqualTo("01".repeat(35));
        assertThat(BitText.ofBits("//////////8/", 70)).isEqualTo("1".repeat(70));
    }

    @Test
    void varyingBitsAreTheNumbersDigits() {
        assertThat(BitText.ofBits("FQ==", -1)).isEqualTo("10101");
        assertThat(BitText.ofBits("Ag==", -1)).isEqualTo("10");
        assertThat(BitText.ofBoolean(true)).isEqualTo("1");
        assertThat(BitText.ofBoolean(false)).isEqualTo("0");
    }
}
