package io.spillway.pipeline.trigger;

/** The trigger's HTTP call failed or answered non-2xx; {@link #status()} is the answer's status, 0 when none. */
public class TriggerFailedException extends RuntimeException {
    private final int status;

    public TriggerFailedException(String message) {
        this(message, 0);
    }

    public TriggerFailedException(String message, int status) {
        super(message);
        this.status = status;
    }

    public TriggerFailedException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public int status() {
        return status;
    }
}
