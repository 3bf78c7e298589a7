package io.spillway.pipeline.failure;

/** Whether retrying a failed window can help. */
public enum FailureKind {
    /** The target is unreachable, slow, busy or shutting down: the same window succeeds once it is back. */
    TRANSIENT,
    /** The target refuses the data itself (a constraint, a value its column cannot hold, an HTTP 4xx). */
    PERMANENT
}
