package io.spillway.pipeline.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CopyTextTest {
    private static String field(String value) {
        StringBuilder out = new StringBuilder("|");
        CopyText.appendField(out, value);
        return out.append('|').toString();
    }

    @Test
    void escapesWhatWouldEndAFieldOrARowWhereverItIs() {
        assertThat(field("plain text, ünïcødé 🙂")).isEqualTo("|plain text, ünïcødé 🙂|");
        assertThat(field("\tstarts")).isEqualTo("|\\tstarts|");
        assertThat(field("in\nthe middle\r")).isEqualTo("|in\\nthe middle\\r|");
        assertThat(field("ends\\")).isEqualTo("|ends\\\\|");
        assertThat(field("\\N")).isEqualTo("|\\\\N|");
        assertThat(field("")).isEqualTo("||");
        assertThat(field(null)).isEqualTo("|\\N|");
    }
}
