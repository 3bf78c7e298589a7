package io.spillway.bench;

/**
 * One throughput row of the report.
 *
 * @param name           what ran ("raw", "spillway sync pg max_event=10000", "jdbc sink", ...)
 * @param ok             finished, and the target equals the source where that is checked
 * @param error          why not, when not ok
 * @param changes        change records on the topic
 * @param seconds        first record read to target == source
 * @param peakHeapMb     highest sampled heap use of the process doing the work (-1 unknown)
 * @param heapAfterGcMb  highest heap use right after a GC: roughly the live set (-1 unknown)
 * @param peakRssMb      highest sampled resident set of that process (-1 unknown)
 * @param redisCommandsPer1000 Redis commands processed per 1,000 records, script-internal ones included
 *                             (-1 when not measured)
 * @param redisRoundTripsPer1000 Redis read events (client round trips) per 1,000 records (-1 when not measured)
 * @param verified       how the target was compared with the source ("md5 equal", "rows equal", "-")
 * @param redis          Spillway's keys and Redis's used memory before and after
 * @param polls          the Spillway consumer's polls that made a Redis call (its
 *                       {@code spillway_consumer_polls_total}); -1 for other rows
 * @param redisBackgroundReads Redis reads over the row that the service makes anyway (reconciler, metrics):
 *                       its idle rate just before the row times the row's length; 0 when not measured
 * @param redisStartupReads Redis reads, net of the background, from the consumer's start request until its group
 *                       was first seen assigned (definition, group, script load: the start-up, not any poll's);
 *                       0 when not measured
 * @param cpu            the CPU time each part of the stack spent over the row ({@link CpuUsage#NONE}: not measured)
 */
public record RunResult(String name, boolean ok, String error, long changes, double seconds, double peakHeapMb,
        double heapAfterGcMb, double peakRssMb, double redisCommandsPer1000, double redisRoundTripsPer1000,
        String verified, RedisFootprint redis, long polls, double redisBackgroundReads, double redisStartupReads,
        CpuUsage cpu) {

    /** A row whose CPU was not measured. */
    public RunResult(String name, boolean ok, String error, long changes, double seconds, double peakHeapMb,
            double heapAfterGcMb, double peakRssMb, double redisCommandsPer1000, double redisRoundTripsPer1000,
            String verified, RedisFootprint redis, long polls, double redisBackgroundReads, double redisStartupReads) {
        this(name, ok, error, changes, seconds, peakHeapMb, heapAfterGcMb, peakRssMb, redisCommandsPer1000,
                redisRoundTripsPer1000, verified, redis, polls, redisBackgroundReads, redisStartupReads, CpuUsage.NONE);
    }

    /** A row whose start-up was not measured apart. */
    public RunResult(String name, boolean ok, String error, long changes, double seconds, double peakHeapMb,
            double heapAfterGcMb, double peakRssMb, double redisCommandsPer1000, double redisRoundTripsPer1000,
            String verified, RedisFootprint redis, long polls, double redisBackgroundReads) {
        this(name, ok, error, changes, seconds, peakHeapMb, heapAfterGcMb, peakRssMb, redisCommandsPer1000,
                redisRoundTripsPer1000, verified, redis, polls, redisBackgroundReads, 0);
    }

    /** A row without polls (not a Spillway consumer). */
    public RunResult(String name, boolean ok, String error, long changes, double seconds, double peakHeapMb,
            double heapAfterGcMb, double peakRssMb, double redisCommandsPer1000, double redisRoundTripsPer1000,
            String verified, RedisFootprint redis) {
        this(name, ok, error, changes, seconds, peakHeapMb, heapAfterGcMb, peakRssMb, redisCommandsPer1000,
                redisRoundTripsPer1000, verified, redis, -1, 0, 0);
    }

    public static RunResult failed(String name, long changes, String error) {
        return new RunResult(name, false, error, changes, 0, -1, -1, -1, -1, -1, "-", RedisFootprint.NONE);
    }

    /** The same row with the CPU time its parts spent. */
    public RunResult withCpu(CpuUsage usage) {
        return new RunResult(name, ok, error, changes, seconds, peakHeapMb, heapAfterGcMb, peakRssMb,
                redisCommandsPer1000, redisRoundTripsPer1000, verified, redis, polls, redisBackgroundReads,
                redisStartupReads, usage);
    }

    /** Redis commands per poll (script-internal ones included), -1 when not measured. */
    public double redisCommandsPerPoll() {
        return perPoll(redisCommandsPer1000);
    }

    /** Redis read events (round trips) per poll, net of the service's background reads; -1 when not measured. */
    public double redisRoundTripsPerPoll() {
        if (polls <= 0 || redisRoundTripsPer1000 < 0) {
            return -1;
        }
        return Math.max(0, redisRoundTripsPer1000 * changes / 1000.0 - redisBackgroundReads) / polls;
    }

    /** The same without the consumer's start-up: what the polls themselves cost; -1 when not measured. */
    public double redisRoundTripsPerPollAfterStartup() {
        double all = redisRoundTripsPerPoll();
        return all < 0 ? -1 : Math.max(0, all - redisStartupReads / polls);
    }

    private double perPoll(double per1000) {
        return polls > 0 && per1000 >= 0 ? per1000 * changes / 1000.0 / polls : -1;
    }

    public double changesPerSecond() {
        return ok && seconds > 0 ? changes / seconds : 0;
    }
}
