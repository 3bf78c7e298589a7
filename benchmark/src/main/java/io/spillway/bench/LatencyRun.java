package io.spillway.bench;

import io.spillway.devstack.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Latency at a steady rate: every 10 ms one transaction inserts rate/100 rows into a captured table; a
 * poller on the target notes when each row becomes visible. Latency = visible - commit returned, over the
 * rows after a second's warm-up. Each {@link LatencyScenario} gets its own source table and topic.
 */
final class LatencyRun {
    private static final long TX_INTERVAL_NANOS = LatencyScenario.TX_INTERVAL_MS * 1_000_000L;
    static final int POLL_MS = 10;
    static final String CAPTURE_SUFFIX = ": of which commit -> on the topic";

    private final BenchEnv env;
    private LatencyResult lastCapture;

    LatencyRun(BenchEnv env) {
        this.env = env;
    }

    LatencyResult run(LatencyScenario scenario, int changes) {
        return scenario.spillway() ? spillway(scenario, changes) : jdbcSink(scenario, changes);
    }

    private LatencyResult spillway(LatencyScenario scenario, int changes) {
        String name = scenario.name();
        SpillwayApi api = new SpillwayApi(env);
        String slug = "lat_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        String consumerId = "bench-" + slug.replace('_', '-');
        String topic = BenchEnv.topic(scenario.table());
        boolean started = false;
        try {
            env.freshTargetSchema(slug);
            api.createPostgresConnection("bench-conn-" + slug.replace('_', '-'), PostgresServer.TARGET_DB, slug);
            api.startConsumer(consumerId, topic, "bench-conn-" + slug.replace('_', '-'), scenario.maxEvent(), 1,
                    "sync");
            started = true;
            awaitAssigned(SpillwayApi.groupOf(consumerId), topic, () -> api.diagnostics(consumerId));
            String table = slug + "." + scenario.table();
            return measure(name, scenario, PostgresServer.TARGET_DB,
                    c -> exists(c, table) ? Optional.of(table) : Optional.empty(), changes,
                    () -> api.diagnostics(consumerId));
        } catch (Exception e) {
            Log.info("%s latency FAILED: %s", name, e.getMessage());
            return LatencyResult.failed(name, e.getMessage());
        } finally {
            if (started) {
                api.stopConsumer(consumerId);
            }
        }
    }

    private LatencyResult jdbcSink(LatencyScenario scenario, int changes) {
        String name = scenario.name();
        String connector = "bench-jdbc-latency-" + scenario.rate();
        String topic = BenchEnv.topic(scenario.table());
        JdbcSink sink = new JdbcSink(env);
        boolean started = false;
        try {
            try (Connection c = env.superuser("postgres"); Statement sql = c.createStatement();
                    ResultSet rs = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + BenchEnv.SINK_DB + "'")) {
                if (!rs.next()) {
                    env.createSinkDatabase();
                }
            }
            sink.start(connector, topic);
            started = true;
            awaitAssigned(JdbcSink.groupOf(connector), topic, () -> sink.status(connector));
            return measure(name, scenario, BenchEnv.SINK_DB,
                    c -> JdbcSink.targetTable(c, scenario.table()), changes, () -> sink.status(connector));
        } catch (Exception e) {
            Log.info("%s latency FAILED: %s", name, e.getMessage());
            return LatencyResult.failed(name, e.getMessage());
        } finally {
            if (started) {
                sink.delete(connector);
            }
        }
    }

    /** The Debezium share of the last measured run's latency (commit to record on the topic), if complete. */
    java.util.Optional<LatencyResult> lastCapture() {
        LatencyResult capture = lastCapture;
        lastCapture = null;
        return java.util.Optional.ofNullable(capture);
    }

    interface TableLookup {
        Optional<String> find(Connection connection) throws SQLException;
    }

    private LatencyResult measure(String name, LatencyScenario scenario, String targetDb, TableLookup lookup,
            int changes, java.util.function.Supplier<String> diagnostics) throws Exception {
        String sourceTable = scenario.table();
        int warmup = scenario.warmup();
        int rowsPerTx = scenario.rowsPerTransaction();
        int total = warmup + changes;
        long[] committedAt = new long[total + 1];
        long[] seenAt = new long[total + 1];
        long[] onTopicAt = new long[total + 1];
        TopicWatcher watcher = new TopicWatcher(env.stack.kafka().bootstrapServers(), BenchEnv.topic(sourceTable),
                onTopicAt);
        Thread watcherThread = new Thread(watcher, "latency-topic-watcher");
        watcherThread.setDaemon(true);
        watcherThread.start();
        AtomicReference<Exception> pollerError = new AtomicReference<>();
        Poller poller = new Poller(targetDb, lookup, seenAt, pollerError);
        Thread thread = new Thread(poller, "latency-poller");
        thread.setDaemon(true);
        thread.start();
        Log.info("latency %s: %,d warm-up + %,d measured changes", name, warmup, changes);
        try (Connection c = env.sourceWriter()) {
            long next = System.nanoTime();
            for (int id = 1; id <= total; id += rowsPerTx) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next += TX_INTERVAL_NANOS;
                List<Long> ids = new ArrayList<>();
                for (int i = id; i < id + rowsPerTx && i <= total; i++) {
                    ids.add((long) i);
                }
                SourceTable.insert(c, sourceTable, ids);
                c.commit();
                long now = System.nanoTime();
                for (long i : ids) {
                    committedAt[(int) i] = now;
                }
            }
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (poller.low() <= total) {
            if (pollerError.get() != null) {
                throw pollerError.get();
            }
            if (System.nanoTime() > deadline) {
                poller.stop();
                throw new BenchException("only rows below id " + poller.low() + " of " + total
                        + " reached the target within 120 s of the last commit; " + diagnostics.get());
            }
            Waits.pause(50);
        }
        poller.stop();
        watcher.stop();
        watcherThread.join(5000);
        double[] latencies = new double[changes];
        double[] capture = new double[changes];
        boolean captureComplete = watcher.error() == null;
        for (int id = warmup + 1; id <= total; id++) {
            latencies[id - warmup - 1] = Math.max(0, seenAt[id] - committedAt[id]) / 1e6;
            captureComplete &= onTopicAt[id] != 0;
            capture[id - warmup - 1] = Math.max(0, onTopicAt[id] - committedAt[id]) / 1e6;
        }
        if (captureComplete) {
            lastCapture = LatencyResult.of(name + CAPTURE_SUFFIX, capture, 0);
        }
        verify(sourceTable, targetDb, lookup);
        LatencyResult result = LatencyResult.of(name, latencies, POLL_MS);
        Log.info("latency %s: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms", name, result.p50Ms(),
                result.p95Ms(), result.p99Ms(), result.maxMs());
        return result;
    }

    private void verify(String sourceTable, String targetDb, TableLookup lookup) throws SQLException {
        String source;
        try (Connection c = env.superuser(PostgresServer.SOURCE_DB)) {
            source = TableCompare.checksum(c, "public." + sourceTable);
        }
        try (Connection c = env.superuser(targetDb)) {
            String table = lookup.find(c).orElseThrow();
            String target = TableCompare.checksum(c, table);
            if (!target.equals(source)) {
                throw new BenchException("TARGET DIFFERS FROM SOURCE: " + table + " checksum " + target
                        + " vs source " + source);
            }
        }
    }

    private void awaitAssigned(String group, String topic, java.util.function.Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!env.kafka.assigned(group, topic)) {
            if (System.nanoTime() > deadline) {
                throw new BenchException(group + " was not assigned " + topic + " within 120 s; " + diagnostics.get());
            }
            Waits.pause(50);
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (Statement sql = c.createStatement(); ResultSet rs = sql.executeQuery("SELECT to_regclass('" + table + "')")) {
            return rs.next() && rs.getString(1) != null;
        }
    }

    /** Polls the target every 10 ms for rows at or above the lowest id not yet seen. */
    private final class Poller implements Runnable {
        private final String database;
        private final TableLookup lookup;
        private final long[] seenAt;
        private final AtomicReference<Exception> error;
        private volatile boolean running = true;
        private volatile int low = 1;

        Poller(String database, TableLookup lookup, long[] seenAt, AtomicReference<Exception> error) {
            this.database = database;
            this.lookup = lookup;
            this.seenAt = seenAt;
            this.error = error;
        }

        int low() {
            return low;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            try (Connection c = env.superuser(database)) {
                String table = null;
                PreparedStatement query = null;
                while (running) {
                    if (table == null) {
                        table = lookup.find(c).orElse(null);
                        if (table != null) {
                            query = c.prepareStatement("SELECT id FROM " + table
                                    + " WHERE id >= ? ORDER BY id LIMIT 20000");
                        }
                    }
                    if (query != null) {
                        query.setLong(1, low);
                        try (ResultSet rs = query.executeQuery()) {
                            long now = System.nanoTime();
                            while (rs.next()) {
                                int id = (int) rs.getLong(1);
                                if (id < seenAt.length && seenAt[id] == 0) {
                                    seenAt[id] = now;
                                }
                            }
                        }
                        int next = low;
                        while (next < seenAt.length && seenAt[next] != 0) {
                            next++;
                        }
                        low = next;
                    }
                    Thread.sleep(POLL_MS);
                }
            } catch (Exception e) {
                error.set(e);
            }
        }
    }
}
