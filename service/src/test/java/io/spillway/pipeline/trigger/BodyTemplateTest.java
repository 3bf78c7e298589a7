package io.spillway.pipeline.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class BodyTemplateTest {
    private static final JsonMapper json = JsonMapper.builder().build();

    private static ObjectNode summary() {
        return (ObjectNode) json.readTree("""
                {"pipeline":"orders \\"eu\\"","consumer":"c1","window_id":"w-1","reason":"count","window_start":"a",
                 "window_end":"b","event_count":3,"tables":{"public.t":{"c":3}},
                 "first_position":{"lsn":10,"commit_time":"x"},"last_position":{"lsn":20,"commit_time":"y"}}""");
    }

    @Test
    void fillsPlaceholdersInsideStringsEscapedAndBareOnesAsJson() {
        String body = BodyTemplate.render("""
                {"conf": {"run": "{{pipeline}}-{{window_id}}", "n": {{event_count}}, "lsn": {{last_lsn}},
                 "tables": {{tables}}}}""", summary());
        ObjectNode parsed = (ObjectNode) json.readTree(body);
        assertThat(parsed.get("conf").get("run").asString()).isEqualTo("orders \"eu\"-w-1");
        assertThat(parsed.get("conf").get("n").asInt()).isEqualTo(3);
        assertThat(parsed.get("conf").get("lsn").asLong()).isEqualTo(20);
        assertThat(parsed.get("conf").get("tables").get("public.t").get("c").asInt()).isEqualTo(3);
    }

    @Test
    void anAirbyteBodyWithoutPlaceholdersIsSentAsIs() {
        String airbyte = "{\"connectionId\": \"abc\", \"jobType\": \"sync\"}";
        assertThat(BodyTemplate.render(airbyte, summary())).isEqualTo(airbyte);
    }

    @Test
    void namesUnknownPlaceholders() {
        assertThat(BodyTemplate.unknownPlaceholders("{\"a\": \"{{window_id}} {{nope}}\"}")).containsExactly("nope");
    }
}
