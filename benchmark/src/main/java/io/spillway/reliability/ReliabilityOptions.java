package io.spillway.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code ./spillway reliability}.
 *
 * @param duration        how long the write load runs at least; the faults are spread over it
 * @param seed            seeds the fault order, the moments and the load, so a run can be repeated
 * @param faults          the faults to inject, in no particular order (the seed shuffles them)
 * @param rate            source changes per second
 * @param recoveryTimeout how long a fault may take to recover before the run calls it unrecovered
 * @param serviceJar      the Spillway service's Boot jar
 * @param outDir          where the JSON results go
 * @param docsFile        the Markdown file whose results section the run rewrites, or null
 * @param commandLine     the command as the user typed it, for the report
 */
public record ReliabilityOptions(Duration duration, long seed, List<Fault> faults, int rate, Duration recoveryTimeout,
        Path serviceJar, Path outDir, Path docsFile, String commandLine) {

    public static final String USAGE = "usage: ./spillway reliability [--duration SECONDS] [--seed N]"
            + " [--faults all|KIND,KIND...] [--service-kills N] [--target-stop SECONDS] [--rate CHANGES_PER_S]"
            + " [--recovery-timeout SECONDS] [--out DIR] [--docs FILE|--no-docs]; kinds: " + Fault.KINDS;

    public static ReliabilityOptions parse(String... args) {
        long duration = 600;
        long seed = System.currentTimeMillis() % 100_000;
        String kinds = "all";
        int kills = 3;
        long targetStop = 30;
        int rate = 300;
        long recovery = 300;
        Path jar = Path.of("service/target/spillway-service.jar");
        Path out = Path.of("bench/results");
        Path docs = Path.of("docs/reliability.md");
        String commandLine = "./spillway reliability";
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--duration" -> duration = positive(arg, value(args, ++i));
                case "--seed" -> seed = positive(arg, value(args, ++i));
                case "--faults" -> kinds = value(args, ++i);
                case "--service-kills" -> kills = (int) positive(arg, value(args, ++i));
                case "--target-stop" -> targetStop = positive(arg, value(args, ++i));
                case "--rate" -> rate = (int) positive(arg, value(args, ++i));
                case "--recovery-timeout" -> recovery = positive(arg, value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                case "--docs" -> docs = Path.of(value(args, ++i));
                case "--no-docs" -> docs = null;
                case "--service-jar" -> {
                    jar = Path.of(value(args, ++i));
                    continue;
                }
                case "--command-line" -> {
                    commandLine = value(args, ++i);
                    continue;
                }
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'; " + USAGE);
            }
            shown.add(arg);
            if (!arg.equals("--no-docs")) {
                shown.add(args[i]);
            }
        }
        List<Fault> faults = Fault.parse(kinds, kills, Duration.ofSeconds(targetStop));
        String command = shown.isEmpty() ? commandLine : commandLine + " " + String.join(" ", shown);
        return new ReliabilityOptions(Duration.ofSeconds(duration), seed, faults, rate, Duration.ofSeconds(recovery),
                jar, out, docs, command);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option '" + args[i - 1] + "' needs a value; " + USAGE);
        }
        return args[i];
    }

    private static long positive(String option, String value) {
        try {
            long n = Long.parseLong(value.replace("_", ""));
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number of at least 1, not '" + value + "'");
        }
    }
}
