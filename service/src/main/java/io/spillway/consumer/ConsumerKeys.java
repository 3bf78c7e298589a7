package io.spillway.consumer;

/**
 * Every Redis key the consumer engine writes (documented in docs/consumers.md#redis-keys). A pipeline's
 * keys carry its name as a Redis Cluster hash tag ({@code {<pipeline_name>}}), so the window script, which
 * touches both, runs on one node; pipeline names hold no brace (the validator refuses them), so the tag is
 * always the whole name.
 */
public final class ConsumerKeys {
    /** Hash: consumer_id -> definition JSON of every consumer that should be running. */
    public static final String DEFINITIONS = "spillway:consumers";

    private ConsumerKeys() {
    }

    /** Hash: the pipeline's window state and the fields the seed's inspection script shows. */
    public static String pipeline(String pipelineName) {
        return "spillway:pipeline:{" + pipelineName + "}";
    }

    /**
     * Hash: why the pipeline's last windows closed (field: the window's sequence number, value:
     * {@code <window_id> <reason>}), so another instance holding part of one learns to close it. Bounded:
     * the window script keeps the last {@code WindowCounter.CLOSED_WINDOWS_KEPT} entries.
     */
    public static String closedWindows(String pipelineName) {
        return pipeline(pipelineName) + ":closed";
    }

    /**
     * Hash: per partition ({@code <topic>:<partition>}), the offsets counted into the open window
     * ({@code <window_id> <first> <next>}), so changes read again after a crash are not counted twice.
     * Emptied when the window closes: at most one field per partition.
     */
    public static String countedRanges(String pipelineName) {
        return pipeline(pipelineName) + ":counted";
    }

    /** The pipeline hash's name before the hash tag (0.1 layout): moved to {@link #pipeline} on first use. */
    public static String legacyPipeline(String pipelineName) {
        return "spillway:pipeline:" + pipelineName;
    }

    /** The closed-window hash's name before the hash tag: moved to {@link #closedWindows} on first use. */
    public static String legacyClosedWindows(String pipelineName) {
        return legacyPipeline(pipelineName) + ":closed";
    }

    /**
     * Sorted set: dead letters of the consumer sent back to their source topic (member: {@code
     * topic/partition/offset}, score: when), so none is replayed twice. Bounded to the newest 10,000.
     */
    public static String replayed(String consumerId) {
        return "spillway:consumer:" + consumerId + ":replayed";
    }

    /** List: the consumer's runs, newest first, bounded. */
    public static String runs(String consumerId) {
        return "spillway:consumer:" + consumerId + ":runs";
    }
}
