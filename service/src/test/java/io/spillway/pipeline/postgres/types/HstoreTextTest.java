package io.spillway.pipeline.postgres.types;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HstoreTextTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void pairsComeInHstoresOrderWithItsQuoting() {
        // As Debezium sent '"a"=>"1", "b c"=>NULL, "\"q"=>"x,y"' (a JSON text in a JSON string).
        String record = "\"{\\\"a\\\":\\\"1\\\",\\\"b c\\\":null,\\\"\\\\\\\"q\\\":\\\"x,y\\\"}\"";
        assertThat(HstoreText.of(JSON.readTree(record))).isEqualTo("\"a\"=>\"1\", \"\\\"q\"=>\"x,y\", \"b c\"=>NULL");
        assertThat(HstoreText.of(JSON.readTree("{\"bb\":\"\\\\\",\"c\":\"\",\"\u00e9\":\"1\"}")))
                .isEqualTo("\"c\"=>\"\", \"bb\"=>\"\\\\\", \"\u00e9\"=>\"1\"");
        assertThat(HstoreText.of(JSON.readTree("\"{}\""))).isEmpty();
        assertThat(HstoreText.of(JSON.readTree("\"\\\"a\\\"=>\\\"1\\\"\""))).isEqualTo("\"a\"=>\"1\"");
    }
}
