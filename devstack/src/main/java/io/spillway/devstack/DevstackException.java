package io.spillway.devstack;

/** A start-up failure whose message is meant to be read by a person, on one line. */
public class DevstackException extends RuntimeException {
    public DevstackException(String message) {
        super(message);
    }

    public DevstackException(String message, Throwable cause) {
        super(message, cause);
    }
}
