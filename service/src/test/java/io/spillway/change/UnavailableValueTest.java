package io.spillway.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class UnavailableValueTest {
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String P = UnavailableValue.PLACEHOLDER;
    private static final String P64 = Base64.getEncoder().encodeToString(P.getBytes(StandardCharsets.UTF_8));

    private static Column column(String name, String connectType, String logical, String sourceType, String item) {
        return new Column(name, connectType, logical, sourceType == null ? Map.of()
                : Map.of("__debezium.source.column.type", sourceType), true, item);
    }

    private static JsonNode text(String value) {
        return json.getNodeFactory().stringNode(value);
    }

    @Test
    void thePlaceholderIsRecognisedInTheEncodingOfEachToastableType() {
        assertThat(UnavailableValue.is(column("t", "string", null, "TEXT", null), text(P))).isTrue();
        assertThat(UnavailableValue.is(column("v", "string", null, "VARCHAR", null), text(P))).isTrue();
        assertThat(UnavailableValue.is(column("j", "string", "io.debezium.data.Json", "JSONB", null), text(P))).isTrue();
        assertThat(UnavailableValue.is(column("b", "bytes", null, "BYTEA", null), text(P64))).isTrue();
        assertThat(UnavailableValue.is(column("a", "array", null, "_TEXT", "string"), json.readTree("[\"" + P + "\"]")))
                .isTrue();
        assertThat(UnavailableValue.is(column("a", "array", null, "_BYTEA", "bytes"), json.readTree("[\"" + P64 + "\"]")))
                .isTrue();
        List<Integer> bytes = new ArrayList<>();
        for (byte b : P.getBytes(StandardCharsets.UTF_8)) {
            bytes.add((int) b);
        }
        assertThat(UnavailableValue.is(column("i", "array", null, "_INT4", "int32"), json.valueToTree(bytes))).isTrue();
        assertThat(UnavailableValue.is(column("t", "string", null, null, null), text(P))).isTrue();
    }

    @Test
    void genuineValuesAreNotTakenForThePlaceholder() {
        assertThat(UnavailableValue.is(column("t", "string", null, "TEXT", null), text("hello"))).isFalse();
        assertThat(UnavailableValue.is(column("b", "bytes", null, "BYTEA", null), text(P))).isFalse();
        assertThat(UnavailableValue.is(column("a", "array", null, "_TEXT", "string"),
                json.readTree("[\"" + P + "\", \"x\"]"))).isFalse();
        assertThat(UnavailableValue.is(column("i", "array", null, "_INT4", "int32"), json.readTree("[95, 95]"))).isFalse();
        // Types PostgreSQL never stores out of line can hold the placeholder's text as a real value.
        assertThat(UnavailableValue.is(column("n", "string", null, "NAME", null), text(P))).isFalse();
        assertThat(UnavailableValue.is(column("c", "string", null, "BPCHAR", null), text(P))).isTrue();
        assertThat(UnavailableValue.is(column("n", "int32", null, "INT4", null), json.readTree("7"))).isFalse();
    }

    @Test
    void onlyAnUpdatesAfterImageHasUnavailableColumns() {
        RowSchema schema = new RowSchema(List.of(column("id", "int32", null, "INT4", null),
                column("t", "string", null, "TEXT", null), column("n", "string", null, "NAME", null)), List.of("id"));
        JsonNode row = json.readTree("{\"id\": 1, \"t\": \"" + P + "\", \"n\": \"" + P + "\"}");
        SourcePosition at = new SourcePosition(10, 1L, 0, false);
        KafkaCoordinates kafka = new KafkaCoordinates("t", 0, 1);
        TableId table = new TableId("db", "public", "t");
        assertThat(UnavailableValue.columns(new ChangeEvent(Op.UPDATE, table, at, null, null, row, schema, kafka, 1)))
                .containsExactly("t");
        assertThat(UnavailableValue.columns(new ChangeEvent(Op.CREATE, table, at, null, null, row, schema, kafka, 1)))
                .isEmpty();
        assertThat(UnavailableValue.columns(new ChangeEvent(Op.READ, table, at, null, null, row, schema, kafka, 1)))
                .isEmpty();
    }
}
