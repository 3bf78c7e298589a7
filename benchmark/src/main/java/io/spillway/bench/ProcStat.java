package io.spillway.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of Linux's {@code /proc/<pid>/stat}: a process's parent and its CPU time, its own and that of the
 * children it has waited for (a postmaster's ended backends). Times are in clock ticks of 1/100 s (USER_HZ,
 * fixed at 100 on Linux whatever the kernel's tick).
 */
record ProcStat(long pid, long parent, long userTicks, long systemTicks, long reapedChildrenTicks) {
    static final double TICKS_PER_SECOND = 100.0;

    /** Parses a stat line; the command name (field 2) may hold spaces and parentheses. */
    static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        // Fields from the 3rd (state) on; utime is the 14th, so index 11 here.
        String[] f = line.substring(close + 2).trim().split(" ");
        return new ProcStat(pid, Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Long.parseLong(f[13]) + Long.parseLong(f[14]));
    }

    /** The process's stat, empty when it is gone or this is not Linux. */
    static Optional<ProcStat> of(long pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every process's stat that could be read (processes end while the directory is walked). */
    static List<ProcStat> all() {
        List<ProcStat> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> isNumber(p.getFileName()))) {
            for (Path dir : dirs) {
                of(Long.parseLong(dir.getFileName().toString())).ifPresent(out::add);
            }
        } catch (IOException e) {
            // not Linux: nothing
        }
        return out;
    }

    private static boolean isNumber(Path name) {
        String s = name.toString();
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** The process's own CPU seconds (every thread). */
    double ownSeconds() {
        return (userTicks + systemTicks) / TICKS_PER_SECOND;
    }

    /** Its own CPU seconds and those of the children it reaped. */
    double withReapedSeconds() {
        return (userTicks + systemTicks + reapedChildrenTicks) / TICKS_PER_SECOND;
    }
}
