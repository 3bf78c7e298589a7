package io.spillway.pipeline.trigger;

import io.spillway.change.ChangeEvent;
import io.spillway.change.Op;
import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.Window;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the trigger job posts: which pipeline and window, why it closed, how many changes of which
 * kind per table, and the first and last source positions. Documented in docs/readme/jobs.md.
 */
public final class WindowSummary {
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

    private WindowSummary() {
    }

    public static ObjectNode of(JobContext context, Window window) {
        ObjectNode summary = nodes.objectNode();
        summary.put("pipeline", context.pipelineName());
        summary.put("consumer", context.consumerId());
        summary.put("window_id", window.windowId());
        summary.put("reason", window.reason().label());
        summary.put("window_start", iso(window.openedAt()));
        summary.put("window_end", iso(window.closedAt()));
        summary.put("event_count", window.events().size());
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        int snapshotReads = 0;
        for (ChangeEvent event : window.events()) {
            counts.computeIfAbsent(event.table().toString(), t -> new TreeMap<>())
                    .merge(event.op().code(), 1, Integer::sum);
            snapshotReads += event.op() == Op.READ ? 1 : 0;
        }
        // Reads of an initial or incremental snapshot: a window holding some loads (part of) a backfill.
        summary.put("snapshot_reads", snapshotReads);
        ObjectNode tables = summary.putObject("tables");
        counts.forEach((table, ops) -> {
            ObjectNode perOp = tables.putObject(table);
            for (String op : new String[] {"c", "u", "d", "r", "t"}) {
                perOp.put(op, ops.getOrDefault(op, 0));
            }
        });
        if (window.events().isEmpty()) {
            summary.putNull("first_position");
            summary.putNull("last_position");
        } else {
            summary.set("first_position", position(window.events().get(0)));
            summary.set("last_position", position(window.events().get(window.events().size() - 1)));
        }
        return summary;
    }

    private static ObjectNode position(ChangeEvent event) {
        ObjectNode position = nodes.objectNode();
        position.put("lsn", event.position().lsn());
        if (event.position().txId() == null) {
            position.putNull("tx_id");
        } else {
            position.put("tx_id", event.position().txId());
        }
        position.put("commit_time", iso(Instant.ofEpochMilli(event.position().commitTimeMs())));
        position.put("topic", event.coordinates().topic());
        position.put("partition", event.coordinates().partition());
        position.put("offset", event.coordinates().offset());
        return position;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public static String toJson(ObjectNode summary) {
        return json.writeValueAsString(summary);
    }
}
