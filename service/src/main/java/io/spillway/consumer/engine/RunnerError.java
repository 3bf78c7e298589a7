package io.spillway.consumer.engine;

import java.time.Instant;

/**
 * An unexpected failure of a runner's loop, as {@code /consumer/info} shows it.
 *
 * @param error the exception's class and the first line of its message
 * @param at when it happened (ISO-8601)
 */
public record RunnerError(String error, String at) {
    private static final int MAX_MESSAGE = 300;

    static RunnerError of(Throwable e, Instant when) {
        return new RunnerError(firstLine(e), when.toString());
    }

    /** "Class: first line of the message", short enough for a header or a state reason. */
    static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        if (line.length() > MAX_MESSAGE) {
            line = line.substring(0, MAX_MESSAGE) + "...";
        }
        return e.getClass().getSimpleName() + ": " + line;
    }
}
