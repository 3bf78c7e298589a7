package io.spillway.bench;

/** A run that cannot go on; the message says what went wrong and where to look. */
public class BenchException extends RuntimeException {
    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
