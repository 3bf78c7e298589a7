package io.spillway.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code ./spillway bench}.
 *
 * @param changes       how many source changes the throughput runs replay
 * @param sweep         also run Spillway sync at max_event 1,000 (10, 100, 10,000 and 100,000 always run)
 * @param latencyChanges changes per latency run (steady 1,000/s), 0 to skip the latency runs
 * @param serviceJar    the Spillway service's Boot jar
 * @param outDir        where JSON and PNG go
 * @param serviceHeap   the service JVM's -Xmx
 * @param commandLine   the command as the user typed it, for the report
 * @param compression   the source connector's producer compression (none, lz4, zstd): every row reads the
 *                      same topic, so each gets the same compressed records
 * @param scale         also run one consumer on two service instances (per-instance and total changes/s)
 */
public record BenchOptions(long changes, boolean sweep, int latencyChanges, Path serviceJar, Path outDir,
        String serviceHeap, String commandLine, String compression, boolean scale) {

    public static final String USAGE = "usage: ./spillway bench [--changes N] [--sweep] [--latency-changes N]"
            + " [--compression none|lz4|zstd] [--scale] [--service-heap 1g] [--out DIR]";
    /** What connectors created through Spillway get (io.spillway.debezium.TopicCompression). */
    public static final String DEFAULT_COMPRESSION = "zstd";
    private static final List<String> COMPRESSIONS = List.of("none", "lz4", "zstd");

    /** The max_event values of the Spillway sync rows: the seed's 10, 100, the best, and 100,000 for memory. */
    public List<Integer> maxEvents() {
        return sweep ? List.of(10, 100, 1_000, 10_000, 100_000) : List.of(10, 100, 10_000, 100_000);
    }

    public static BenchOptions parse(String... args) {
        long changes = 1_000_000;
        boolean sweep = false;
        boolean scale = false;
        int latency = 10_000;
        Path jar = Path.of("service/target/spillway-service.jar");
        Path out = Path.of("bench/results");
        String heap = "1g";
        String compression = DEFAULT_COMPRESSION;
        String commandLine = null;
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--changes" -> changes = positive(arg, value(args, ++i));
                case "--sweep" -> sweep = true;
                case "--scale" -> scale = true;
                case "--latency-changes" -> latency = (int) nonNegative(arg, value(args, ++i));
                case "--service-jar" -> {
                    jar = Path.of(value(args, ++i));
                    continue;
                }
                case "--out" -> out = Path.of(value(args, ++i));
                case "--service-heap" -> heap = value(args, ++i);
                case "--compression" -> {
                    compression = value(args, ++i);
                    if (!COMPRESSIONS.contains(compression)) {
                        throw new IllegalArgumentException("--compression takes one of " + COMPRESSIONS + ", not '"
                                + compression + "'");
                    }
                }
                case "--command-line" -> {
                    commandLine = value(args, ++i);
                    continue;
                }
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'; " + USAGE);
            }
            shown.add(arg);
            if (!arg.equals("--sweep") && !arg.equals("--scale")) {
                shown.add(args[i]);
            }
        }
        String base = commandLine == null ? "./spillway bench" : commandLine;
        String command = shown.isEmpty() ? base : base + " " + String.join(" ", shown);
        return new BenchOptions(changes, sweep, latency, jar, out, heap, command, compression, scale);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option '" + args[i - 1] + "' needs a value; " + USAGE);
        }
        return args[i];
    }

    private static long positive(String option, String value) {
        long n = nonNegative(option, value);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    private static long nonNegative(String option, String value) {
        try {
            long n = Long.parseLong(value.replace("_", "").replace(",", ""));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + value + "'");
        }
    }
}
