package io.spillway.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on stdout, with the wall-clock time. */
public final class Log {
    private Log() {
    }

    static void info(String format, Object... args) {
        line("bench", format, args);
    }

    /** One progress line tagged with the harness's name ({@code [bench 12:00:00] ...}). */
    public static void line(String tag, String format, Object... args) {
        System.out.println("[" + tag + " " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] "
                + String.format(java.util.Locale.ROOT, format, args));
        System.out.flush();
    }
}
