package io.spillway.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on stdout, with the wall-clock time. */
final class Log {
    private Log() {
    }

    static void info(String format, Object... args) {
        System.out.println("[bench " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] "
                + String.format(java.util.Locale.ROOT, format, args));
        System.out.flush();
    }
}
