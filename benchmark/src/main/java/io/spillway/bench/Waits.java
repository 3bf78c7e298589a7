package io.spillway.bench;

/** Pauses between polls of a condition (never as synchronisation by themselves). */
public final class Waits {
    private Waits() {
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }
}
