package io.spillway.pipeline.trigger;

/** The trigger's HTTP call failed or answered non-2xx: the window is retried. */
public class TriggerFailedException extends RuntimeException {
    public TriggerFailedException(String message) {
        super(message);
    }

    public TriggerFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
