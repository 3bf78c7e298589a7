package io.spillway.pipeline.failure;

/**
 * A classified job failure, as the engine, the run history and the dead-letter headers report it.
 *
 * @param kind transient (retry) or permanent (isolate or pause)
 * @param reason the error class and message, with the root cause when it says more (e.g. a socket timeout)
 * @param errorClass the simple class name of the failure thrown
 * @param sqlState the PostgreSQL SQLState when the failure came from the target database, else null
 * @param httpStatus the webhook's HTTP status when it answered, else null
 */
public record Failure(FailureKind kind, String reason, String errorClass, String sqlState, Integer httpStatus) {
    public boolean permanent() {
        return kind == FailureKind.PERMANENT;
    }
}
