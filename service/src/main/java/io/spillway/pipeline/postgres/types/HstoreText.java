package io.spillway.pipeline.postgres.types;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@code hstore} as PostgreSQL prints it. Debezium ({@code hstore.handling.mode=json}) sends a JSON
 * object in no particular order; hstore keeps its pairs sorted by the key's byte length, then its bytes, and
 * prints {@code "k"=>"v"} with backslash escapes and unquoted NULL. Sorting the same way gives the text
 * {@code hstore_out} gives, so the target holds exactly the source's text.
 */
public final class HstoreText {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Comparator<byte[]> HSTORE_KEY_ORDER = Comparator.<byte[]>comparingInt(b -> b.length)
            .thenComparing(Arrays::compareUnsigned);

    private HstoreText() {
    }

    /** @param json the JSON object, as a JSON node or as the text Debezium's Json logical type holds */
    public static String of(JsonNode json) {
        JsonNode object = json;
        if (json.isString()) {
            try {
                object = JSON.readTree(json.asString());
            } catch (JacksonException e) {
                return json.asString(); // not Debezium's JSON (another hstore.handling.mode): as it came
            }
        }
        if (!object.isObject()) {
            return json.isString() ? json.asString() : json.toString();
        }
        List<Map.Entry<String, JsonNode>> pairs = new ArrayList<>(object.properties());
        pairs.sort(Comparator.comparing(e -> e.getKey().getBytes(StandardCharsets.UTF_8), HSTORE_KEY_ORDER));
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, JsonNode> pair : pairs) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            quoted(text, pair.getKey()).append("=>");
            JsonNode value = pair.getValue();
            if (value == null || value.isNull()) {
                text.append("NULL");
            } else {
                quoted(text, value.isValueNode() ? value.asString() : value.toString());
            }
        }
        return text.toString();
    }

    private static StringBuilder quoted(StringBuilder text, String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\');
            }
            text.append(c);
        }
        return text.append('"');
    }
}
