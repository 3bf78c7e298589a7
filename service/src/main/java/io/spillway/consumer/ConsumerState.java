package io.spillway.consumer;

/** Where a consumer stands on this instance. */
public enum ConsumerState {
    /** Joining its Kafka group. */
    STARTING,
    /** Reading and windowing. */
    RUNNING,
    /** A job (or Redis) failed: its partitions are paused while it is retried with backoff. */
    PAUSED_BACKPRESSURE,
    /**
     * Its loop failed unexpectedly (Kafka, a commit, a bug): the KafkaConsumer is closed and a new one
     * starts from the committed offsets after a backoff; the state reason says when and after what.
     */
    RESTARTING,
    /** Stopped by an error it cannot retry; the state reason says which. */
    FAILED,
    /** Stopped on request. */
    STOPPED
}
