package io.spillway.bench;

import io.spillway.devstack.PostgresServer;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two service instances sharing Redis, one consumer (sync into PostgreSQL, max_event 10,000) on the
 * 4-partition topic: the group splits the partitions between them. Gives the total changes/s (first
 * assignment to target == source) and each instance's share (the changes it counted, over the same time).
 * The second instance picks the stored consumer up within its reconcile interval (500 ms here), so the
 * first reads alone until the group rebalances.
 */
final class ScaleRun {
    static final int MAX_EVENT = 10_000;
    static final String PREFIX = "Spillway 2 instances, sync pg max_event=" + MAX_EVENT;

    private final BenchEnv env;
    private final JsonHttp second;
    private final String sourceChecksum;
    private final String sourceFingerprint;

    ScaleRun(BenchEnv env, JsonHttp second, String sourceChecksum, String sourceFingerprint) {
        this.env = env;
        this.second = second;
        this.sourceChecksum = sourceChecksum;
        this.sourceFingerprint = sourceFingerprint;
    }

    /** The total row, then one row per instance. */
    List<RunResult> run(long changes) {
        String slug = "scale_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        String consumerId = "bench-" + slug.replace('_', '-');
        String connectionId = "bench-conn-" + slug.replace('_', '-');
        String topic = BenchEnv.topic(SourceTable.MAIN);
        String table = slug + "." + SourceTable.MAIN;
        SpillwayApi api = new SpillwayApi(env);
        boolean started = false;
        try {
            env.freshTargetSchema(slug);
            api.createPostgresConnection(connectionId, PostgresServer.TARGET_DB, slug);
            api.startConsumer(consumerId, topic, connectionId, MAX_EVENT, 1, "sync");
            started = true;
            double seconds = CatchUp.await(env, SpillwayApi.groupOf(consumerId), topic, changes, () -> {
                try (Connection c = env.superuser(PostgresServer.TARGET_DB)) {
                    return TableCompare.fingerprint(c, table).equals(sourceFingerprint);
                }
            }, () -> api.diagnostics(consumerId));
            long first = eventsIn(env.spillway, consumerId);
            long other = eventsIn(second, consumerId);
            String verified;
            try (Connection c = env.superuser(PostgresServer.TARGET_DB)) {
                String target = TableCompare.checksum(c, table);
                if (!target.equals(sourceChecksum)) {
                    throw new BenchException("TARGET DIFFERS FROM SOURCE: " + table + " checksum " + target
                            + " vs source " + sourceChecksum);
                }
                verified = "equal (" + TableCompare.rows(target) + " rows, md5 sum)";
            }
            Log.info("%s: %,d changes in %.1f s = %,.0f changes/s; instance 1 counted %,d, instance 2 %,d", PREFIX,
                    changes, seconds, changes / seconds, first, other);
            String share = "changes it counted (windows dropped in a rebalance are counted again)";
            return List.of(
                    new RunResult(PREFIX + ": total", true, null, changes, seconds, -1, -1, -1, -1, -1, verified,
                            RedisFootprint.NONE),
                    new RunResult(PREFIX + ": instance 1", true, null, first, seconds, -1, -1, -1, -1, -1, share,
                            RedisFootprint.NONE),
                    new RunResult(PREFIX + ": instance 2", true, null, other, seconds, -1, -1, -1, -1, -1,
                            other == 0 ? "got no partition" : share, RedisFootprint.NONE));
        } catch (Exception e) {
            Log.info("%s FAILED: %s", PREFIX, e.getMessage());
            return List.of(RunResult.failed(PREFIX + ": total", changes, e.getMessage()));
        } finally {
            if (started) {
                api.stopConsumer(consumerId);
            }
        }
    }

    /** Changes this instance counted into windows ({@code events_in} of its consumer info). */
    private static long eventsIn(JsonHttp instance, String consumerId) {
        JsonHttp.Response info = instance.get("/consumer/info/" + consumerId);
        if (!info.ok()) {
            throw new BenchException("GET /consumer/info/" + consumerId + " answered " + info);
        }
        return info.json().path("events_in").asLong();
    }
}
