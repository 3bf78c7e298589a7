package io.spillway.bench;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a row cost in CPU: each part's CPU seconds over {@code wallSeconds} ({@link CpuSplit}).
 *
 * @param wallSeconds the time the CPU was measured over (the row's clock, give or take the last checks)
 * @param cpuSeconds  CPU seconds per part; empty when not measured
 */
public record CpuUsage(double wallSeconds, Map<CpuSplit.Part, Double> cpuSeconds) {
    public static final CpuUsage NONE = new CpuUsage(0, Map.of());

    public CpuUsage {
        // In the parts' order, for the table and the JSON.
        cpuSeconds = cpuSeconds.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(cpuSeconds));
    }

    boolean measured() {
        return wallSeconds > 0 && !cpuSeconds.isEmpty();
    }

    /** The part's average number of busy cores over the row; -1 when not measured. */
    double cores(CpuSplit.Part part) {
        return measured() && cpuSeconds.containsKey(part) ? cpuSeconds.get(part) / wallSeconds : -1;
    }

    /** Busy cores of every part but the harness: what the system under test used. */
    double systemCores() {
        return measured() ? systemSeconds() / wallSeconds : -1;
    }

    /** The part's CPU milliseconds per 1,000 changes; -1 when not measured. */
    double msPer1000(CpuSplit.Part part, long changes) {
        return measured() && cpuSeconds.containsKey(part) && changes > 0
                ? cpuSeconds.get(part) * 1e6 / changes : -1;
    }

    /** CPU milliseconds per 1,000 changes of every part but the harness; -1 when not measured. */
    double systemMsPer1000(long changes) {
        return measured() && changes > 0 ? systemSeconds() * 1e6 / changes : -1;
    }

    private double systemSeconds() {
        return cpuSeconds.entrySet().stream().filter(e -> e.getKey() != CpuSplit.Part.HARNESS)
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
