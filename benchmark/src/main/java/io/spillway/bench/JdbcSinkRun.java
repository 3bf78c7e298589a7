package io.spillway.bench;

import java.sql.Connection;

/** The JDBC sink on the change topic, timed and checked like the Spillway runs. */
final class JdbcSinkRun {
    private final BenchEnv env;
    private final ProcessSampler sampler;
    private final String sourceChecksum;
    private final String sourceFingerprint;

    JdbcSinkRun(BenchEnv env, ProcessSampler sampler, String sourceChecksum, String sourceFingerprint) {
        this.env = env;
        this.sampler = sampler;
        this.sourceChecksum = sourceChecksum;
        this.sourceFingerprint = sourceFingerprint;
    }

    RunResult run(long changes) {
        String name = BenchReport.JDBC_SINK;
        String connector = "bench-jdbc-sink";
        String topic = BenchEnv.topic(SourceTable.MAIN);
        JdbcSink sink = new JdbcSink(env);
        boolean started = false;
        try {
            env.createSinkDatabase();
            env.checkpoint();
            sampler.start();
            sink.start(connector, topic);
            started = true;
            CatchUp.TargetCheck check = () -> {
                try (Connection c = env.superuser(BenchEnv.SINK_DB)) {
                    var table = JdbcSink.targetTable(c, SourceTable.MAIN);
                    return table.isPresent() && TableCompare.fingerprint(c, table.get()).equals(sourceFingerprint);
                }
            };
            CpuSplit cpu = CpuSplit.of(env);
            CpuSplit.Snapshot[] cpuFrom = new CpuSplit.Snapshot[1];
            double seconds = CatchUp.await(env, JdbcSink.groupOf(connector), topic, changes, check,
                    () -> sink.status(connector), () -> cpuFrom[0] = cpu.take());
            CpuUsage cpuUsage = CpuSplit.between(cpuFrom[0], cpu.take());
            ProcessSampler.Peaks peaks = sampler.stop();
            String verified;
            try (Connection c = env.superuser(BenchEnv.SINK_DB)) {
                String table = JdbcSink.targetTable(c, SourceTable.MAIN).orElseThrow();
                String target = TableCompare.checksum(c, table);
                if (!target.equals(sourceChecksum)) {
                    throw new BenchException("TARGET DIFFERS FROM SOURCE: " + table + " checksum " + target
                            + " vs source " + sourceChecksum);
                }
                verified = "equal (" + TableCompare.rows(target) + " rows, md5 sum)";
            }
            Log.info("%s: %,d changes in %.1f s = %,.0f changes/s, verified: %s", name, changes, seconds,
                    changes / seconds, verified);
            return new RunResult(name, true, null, changes, seconds, peaks.heapMb(), peaks.heapAfterGcMb(),
                    peaks.rssMb(), -1, -1, verified, RedisFootprint.NONE).withCpu(cpuUsage);
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
                sink.delete(connector);
            }
        }
    }
}
