package io.spillway.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines on stdout, with the wall-clock time. */
public final class Log {
    // HH:mm:ss always (LocalTime's own toString drops ":00" seconds)
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Log() {
    }

    static void info(String format, Object... args) {
        line("bench", format, args);
    }

    /** One progress line tagged with the harness's name ({@code [bench 12:00:00] ...}). */
    public static void line(String tag, String format, Object... args) {
        System.out.println("[" + tag + " " + LocalTime.now().format(TIME) + "] "
                + String.format(java.util.Locale.ROOT, format, args));
        System.out.flush();
    }
}
