package io.spillway.bench;

import io.spillway.devstack.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Spillway consumers on the change topic: sync into PostgreSQL or Redis, or the no-op job. */
final class SpillwayRun {
    enum Target { POSTGRES, REDIS, NOOP }

    static final long BACKGROUND_SAMPLE_MS = 3_000;

    private final BenchEnv env;
    private final SpillwayApi api;
    private final ProcessSampler sampler;
    private final CpuSplit cpu;
    private final String sourceChecksum;
    private final String sourceFingerprint;

    SpillwayRun(BenchEnv env, ProcessSampler sampler, String sourceChecksum, String sourceFingerprint) {
        this.env = env;
        this.api = new SpillwayApi(env);
        this.sampler = sampler;
        this.cpu = CpuSplit.of(env);
        this.sourceChecksum = sourceChecksum;
        this.sourceFingerprint = sourceFingerprint;
    }

    RunResult run(String name, Target target, int maxEvent, long changes) {
        String slug = (target.name().toLowerCase() + "_" + maxEvent + "_" + Integer.toHexString(
                ThreadLocalRandom.current().nextInt(0x10000, 0xfffff)));
        String consumerId = "bench-" + slug.replace('_', '-');
        String connectionId = "bench-conn-" + slug.replace('_', '-');
        String schema = "run_" + slug;
        String keyPrefix = "bench:" + slug + ":";
        String topic = BenchEnv.topic(SourceTable.MAIN);
        String table = schema + "." + SourceTable.MAIN;
        boolean started = false;
        try {
            if (target == Target.REDIS) {
                api.createRedisConnection(connectionId, keyPrefix);
            } else {
                env.freshTargetSchema(schema);
                api.createPostgresConnection(connectionId, PostgresServer.TARGET_DB, schema);
            }
            env.checkpoint();
            RedisFootprint.Snapshot footprintBefore = RedisFootprint.Snapshot.of(env.redis);
            Map<String, Long> callsBefore = env.redis.commandCalls();
            double backgroundPerSecond = backgroundReadsPerSecond();
            RedisStats.Counters redisBefore = env.redis.counters();
            long redisFrom = System.nanoTime();
            sampler.start();
            api.startConsumer(consumerId, topic, connectionId, maxEvent, 1, target == Target.NOOP ? "noop" : "sync");
            started = true;
            CatchUp.TargetCheck check = target == Target.POSTGRES ? () -> {
                try (Connection c = env.superuser(PostgresServer.TARGET_DB)) {
                    return TableCompare.fingerprint(c, table).equals(sourceFingerprint);
                }
            } : null;
            RedisStats.Counters[] atAssignment = new RedisStats.Counters[1];
            long[] assignedAt = new long[1];
            CpuSplit.Snapshot[] cpuFrom = new CpuSplit.Snapshot[1];
            double seconds = CatchUp.await(env, SpillwayApi.groupOf(consumerId), topic, changes, check,
                    () -> api.diagnostics(consumerId), () -> {
                        atAssignment[0] = env.redis.counters();
                        assignedAt[0] = System.nanoTime();
                        cpuFrom[0] = cpu.take();
                    });
            CpuUsage cpuUsage = CpuSplit.between(cpuFrom[0], cpu.take());
            ProcessSampler.Peaks peaks = sampler.stop();
            RedisStats.Counters redis = env.redis.counters().minus(redisBefore);
            double background = backgroundPerSecond * (System.nanoTime() - redisFrom) / 1e9;
            RedisStats.Counters startup = atAssignment[0].minus(redisBefore);
            double startupReads = startup.reads() < 0 ? 0
                    : Math.max(0, startup.reads() - backgroundPerSecond * (assignedAt[0] - redisFrom) / 1e9);
            String calls = RedisStats.callsBetween(callsBefore, env.redis.commandCalls());
            RedisFootprint footprint = RedisFootprint.between(footprintBefore, RedisFootprint.Snapshot.of(env.redis));
            long polls = new ServiceMetrics(env.spillway).polls(consumerId);
            String verified = switch (target) {
                case POSTGRES -> verifyPostgres(table);
                case REDIS -> verifyRedis(keyPrefix);
                case NOOP -> "- (loads nothing)";
            };
            Log.info("%s: %,d changes in %.1f s = %,.0f changes/s, %,d polls, Redis %,d commands and %,d reads"
                    + " (%.0f of them background, %.0f the consumer's start-up),"
                    + " verified: %s; Redis calls (scripts' own commands included): %s", name, changes, seconds,
                    changes / seconds, polls, redis.commands(), redis.reads(), background, startupReads, verified,
                    calls);
            return new RunResult(name, true, null, changes, seconds, peaks.heapMb(), peaks.heapAfterGcMb(),
                    peaks.rssMb(), redis.commands() * 1000.0 / changes,
                    redis.reads() < 0 ? -1 : redis.reads() * 1000.0 / changes, verified, footprint, polls,
                    background, startupReads, cpuUsage);
        } catch (Exception e) {
            try {
                sampler.stop();
            } catch (RuntimeException ignored) {
                // not started
            }
            Log.info("%s FAILED: %s", name, e.getMessage());
            return RunResult.failed(name, changes, e.getMessage());
        } finally {
            if (started) {
                api.stopConsumer(consumerId);
            }
        }
    }

    /**
     * Redis reads per second while no consumer runs (the service's reconciler, metrics, health; the
     * harness's own INFO calls left out), over {@link #BACKGROUND_SAMPLE_MS}: what a row's count carries
     * that no poll caused.
     */
    private double backgroundReadsPerSecond() {
        RedisStats.Counters start = env.redis.counters();
        long from = System.nanoTime();
        Waits.pause(BACKGROUND_SAMPLE_MS);
        RedisStats.Counters reads = env.redis.counters().minus(start);
        double seconds = (System.nanoTime() - from) / 1e9;
        return reads.reads() < 0 ? 0 : Math.max(0, reads.reads() - 1) / seconds; // the second INFO
    }

    private String verifyPostgres(String table) throws Exception {
        try (Connection c = env.superuser(PostgresServer.TARGET_DB)) {
            String target = TableCompare.checksum(c, table);
            if (!target.equals(sourceChecksum)) {
                throw new BenchException("TARGET DIFFERS FROM SOURCE: " + table + " checksum " + target
                        + " vs source " + sourceChecksum);
            }
            return "equal (" + TableCompare.rows(target) + " rows, md5 sum)";
        }
    }

    /** Row count by SCAN, and 200 sampled rows' version and amount against the source. */
    private String verifyRedis(String keyPrefix) throws Exception {
        String tablePrefix = keyPrefix + "public." + SourceTable.MAIN + ":";
        long keys = env.redis.countKeys(tablePrefix.replace("*", "\\*") + "*");
        long rows = TableCompare.rows(sourceChecksum);
        if (keys != rows) {
            throw new BenchException("REDIS TARGET DIFFERS FROM SOURCE: " + keys + " row hashes for " + rows
                    + " source rows (prefix " + tablePrefix + ")");
        }
        List<String> mismatches = new ArrayList<>();
        try (Connection c = env.superuser(PostgresServer.SOURCE_DB); Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT id, version, amount::text FROM public." + SourceTable.MAIN
                        + " ORDER BY random() LIMIT 200")) {
            while (rs.next()) {
                String key = tablePrefix + rs.getLong(1);
                String version = env.redis.hget(key, "version");
                String amount = env.redis.hget(key, "amount");
                if (!rs.getString(2).equals(version) || !rs.getString(3).equals(amount)) {
                    mismatches.add(key + " has version=" + version + " amount=" + amount + ", source "
                            + rs.getString(2) + "/" + rs.getString(3));
                }
            }
        }
        if (!mismatches.isEmpty()) {
            throw new BenchException("REDIS TARGET DIFFERS FROM SOURCE: " + mismatches.size() + " of 200 sampled rows, e.g. "
                    + mismatches.get(0));
        }
        return "equal (" + keys + " keys, 200 rows sampled)";
    }
}
