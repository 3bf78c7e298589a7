package io.spillway.consumer;

/** Every Redis key the consumer engine writes (documented in docs/readme/consumers.md). */
public final class ConsumerKeys {
    /** Hash: consumer_id -> definition JSON of every consumer that should be running. */
    public static final String DEFINITIONS = "spillway:consumers";
    /** String: set whenever definitions are written; its absence means Redis lost its data. */
    public static final String DEFINITIONS_MARKER = "spillway:consumers:saved_at";

    private ConsumerKeys() {
    }

    /** Hash: the pipeline's window state and the fields the seed's inspection script shows. */
    public static String pipeline(String pipelineName) {
        return "spillway:pipeline:" + pipelineName;
    }

    /** Prefix of the strings (reason, 1 day TTL) that mark a pipeline's window as closed. */
    public static String closedPrefix(String pipelineName) {
        return "spillway:pipeline:" + pipelineName + ":closed:";
    }

    /** List: the consumer's runs, newest first, bounded. */
    public static String runs(String consumerId) {
        return "spillway:consumer:" + consumerId + ":runs";
    }
}
