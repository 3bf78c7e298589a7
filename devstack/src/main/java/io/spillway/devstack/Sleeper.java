package io.spillway.devstack;

import java.time.Duration;

/** The one place a polling loop waits between two checks. */
final class Sleeper {
    private Sleeper() {
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException("interrupted while waiting", e);
        }
    }
}
