package io.spillway.pipeline.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request body with {@code {{placeholder}}}s filled from the window's summary. A placeholder inside a
 * JSON string is replaced by the value's JSON-escaped text ({@code "run-{{window_id}}"}); a whole-value
 * placeholder such as {@code {{event_count}}} or {@code {{summary}}} is replaced by its JSON (number,
 * object). Unknown placeholders are rejected when the consumer starts.
 */
public final class BodyTemplate {
    public static final Set<String> PLACEHOLDERS = Set.of("pipeline", "consumer", "window_id", "reason",
            "window_start", "window_end", "event_count", "first_lsn", "last_lsn", "first_commit_time",
            "last_commit_time", "tables", "snapshot_reads", "summary");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

    private BodyTemplate() {
    }

    /** The placeholders in {@code template} that are not known. */
    public static List<String> unknownPlaceholders(String template) {
        List<String> unknown = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    public static String render(String template, ObjectNode summary) {
        Map<String, JsonNode> values = valuesOf(summary);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = values.get(m.group(1));
            String replacement;
            if (value == null) {
                replacement = m.group();
            } else if (insideString(template, m.start())) {
                String text = value.isString() ? value.asString() : value.toString();
                String quoted = JsonNodeFactory.instance.stringNode(text).toString();
                replacement = quoted.substring(1, quoted.length() - 1);
            } else {
                replacement = value.toString();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, JsonNode> valuesOf(ObjectNode summary) {
        JsonNode first = summary.get("first_position");
        JsonNode last = summary.get("last_position");
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        java.util.HashMap<String, JsonNode> values = new java.util.HashMap<>();
        for (String field : List.of("pipeline", "consumer", "window_id", "reason", "window_start", "window_end",
                "event_count", "tables", "snapshot_reads")) {
            values.put(field, summary.get(field));
        }
        values.put("first_lsn", first.isNull() ? nodes.nullNode() : first.get("lsn"));
        values.put("last_lsn", last.isNull() ? nodes.nullNode() : last.get("lsn"));
        values.put("first_commit_time", first.isNull() ? nodes.nullNode() : first.get("commit_time"));
        values.put("last_commit_time", last.isNull() ? nodes.nullNode() : last.get("commit_time"));
        values.put("summary", summary);
        return values;
    }

    /** Whether position {@code at} lies inside a JSON string literal (counting unescaped quotes before it). */
    private static boolean insideString(String text, int at) {
        boolean inside = false;
        for (int i = 0; i < at; i++) {
            char c = text.charAt(i);
            if (c == '\\' && inside) {
                i++;
            } else if (c == '"') {
                inside = !inside;
            }
        }
        return inside;
    }
}
