package io.spillway.pipeline.sync;

/** A window that cannot be synced as it is (e.g. a table without a primary key); the message says why. */
public class SyncException extends RuntimeException {
    public SyncException(String message) {
        super(message);
    }

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
