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
 */
public record RunResult(String name, boolean ok, String error, long changes, double seconds, double peakHeapMb,
        double heapAfterGcMb, double peakRssMb, double redisCommandsPer1000, double redisRoundTripsPer1000,
        String verified, RedisFootprint redis) {

    public static RunResult failed(String name, long changes, String error) {
        return new RunResult(name, false, error, changes, 0, -1, -1, -1, -1, -1, "-", RedisFootprint.NONE);
    }

    public double changesPerSecond() {
        return ok && seconds > 0 ? changes / seconds : 0;
    }
}
