package io.spillway.bench;

/** Pauses between polls of a condition (never as synchronisation by themselves). */
final class Waits {
    private Waits() {
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }
}
