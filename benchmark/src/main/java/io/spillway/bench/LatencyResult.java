package io.spillway.bench;

/**
 * Source commit to row visible in the target, at a steady rate.
 *
 * @param name   which system
 * @param ok     every row arrived and the target equals the source
 * @param error  why not, when not ok
 * @param count  measured changes
 * @param p50Ms  median latency in ms
 * @param p95Ms  95th percentile in ms
 * @param p99Ms  99th percentile in ms
 * @param maxMs  worst in ms
 * @param pollMs the poller's interval: the resolution of every figure
 */
public record LatencyResult(String name, boolean ok, String error, int count, double p50Ms, double p95Ms,
        double p99Ms, double maxMs, int pollMs) {

    public static LatencyResult failed(String name, String error) {
        return new LatencyResult(name, false, error, 0, 0, 0, 0, 0, 0);
    }

    public static LatencyResult of(String name, double[] latenciesMs, int pollMs) {
        Percentiles p = new Percentiles(latenciesMs);
        return new LatencyResult(name, true, null, p.count(), p.at(50), p.at(95), p.at(99), p.max(), pollMs);
    }
}
