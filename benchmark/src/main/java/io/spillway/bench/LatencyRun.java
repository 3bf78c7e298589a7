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
import java.util.function.Supplier;

/**
 * Latency at a steady rate: every 10 ms one transaction inserts rate/100 rows into a captured table; a
 * poller on each target notes when each row becomes visible there. Latency = visible - commit returned, over
 * the rows after a second's warm-up. Each {@link LatencyScenario} gets its own source table and topic; the
 * JDBC sink, when beside, reads the same topic at the same time as Spillway and is timed on the same rows.
 */
final class LatencyRun {
    private static final long TX_INTERVAL_NANOS = LatencyScenario.TX_INTERVAL_MS * 1_000_000L;
    static final int POLL_MS = 10;
    static final String CAPTURE_SUFFIX = ": of which commit -> on the topic";

    private final BenchEnv env;

    LatencyRun(BenchEnv env) {
        this.env = env;
    }

    /** Where a reader's rows land, and what to print when they do not. */
    private record Target(String name, String database, TableLookup lookup, Supplier<String> diagnostics) {
    }

    /**
     * Spillway's row, the sink's when beside it (failed rows with the reason if anything went wrong), and
     * Debezium's share (commit to topic) when the topic watcher saw every row.
     */
    List<LatencyResult> run(LatencyScenario scenario, int changes) {
        SpillwayApi api = new SpillwayApi(env);
        String slug = "lat_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        String consumerId = "bench-" + slug.replace('_', '-');
        String connection = "bench-conn-" + slug.replace('_', '-');
        String connector = "bench-jdbc-latency-" + scenario.rate();
        String topic = BenchEnv.topic(scenario.table());
        JdbcSink sink = new JdbcSink(env);
        boolean started = false;
        boolean sinkStarted = false;
        List<Target> targets = new ArrayList<>();
        try {
            env.freshTargetSchema(slug);
            api.createPostgresConnection(connection, PostgresServer.TARGET_DB, slug);
            api.startConsumer(consumerId, topic, connection, scenario.maxEvent(), 1, "sync");
            started = true;
            String table = slug + "." + scenario.table();
            targets.add(new Target(scenario.name(), PostgresServer.TARGET_DB,
                    c -> exists(c, table) ? Optional.of(table) : Optional.empty(), () -> api.diagnostics(consumerId)));
            if (scenario.sinkBeside()) {
                ensureSinkDatabase();
                sink.start(connector, topic);
                sinkStarted = true;
                targets.add(new Target(LatencyScenario.sinkName(scenario.rate()), BenchEnv.SINK_DB,
                        c -> JdbcSink.targetTable(c, scenario.table()), () -> sink.status(connector)));
            }
            awaitAssigned(SpillwayApi.groupOf(consumerId), topic, () -> api.diagnostics(consumerId));
            if (sinkStarted) {
                awaitAssigned(JdbcSink.groupOf(connector), topic, () -> sink.status(connector));
            }
            return measure(scenario, targets, changes);
        } catch (Exception e) {
            Log.info("%s latency FAILED: %s", scenario.name(), e.getMessage());
            List<LatencyResult> failed = new ArrayList<>(List.of(LatencyResult.failed(scenario.name(), e.getMessage())));
            if (scenario.sinkBeside()) {
                failed.add(LatencyResult.failed(LatencyScenario.sinkName(scenario.rate()), e.getMessage()));
            }
            return failed;
        } finally {
            if (started) {
                api.stopConsumer(consumerId);
            }
            if (sinkStarted) {
                sink.delete(connector);
            }
        }
    }

    private void ensureSinkDatabase() throws SQLException {
        try (Connection c = env.superuser("postgres"); Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + BenchEnv.SINK_DB + "'")) {
            if (!rs.next()) {
                env.createSinkDatabase();
            }
        }
    }

    interface TableLookup {
        Optional<String> find(Connection connection) throws SQLException;
    }

    private List<LatencyResult> measure(LatencyScenario scenario, List<Target> targets, int changes) throws Exception {
        String sourceTable = scenario.table();
        int warmup = scenario.warmup();
        int rowsPerTx = scenario.rowsPerTransaction();
        int total = warmup + changes;
        long[] committedAt = new long[total + 1];
        long[] onTopicAt = new long[total + 1];
        TopicWatcher watcher = new TopicWatcher(env.stack.kafka().bootstrapServers(), BenchEnv.topic(sourceTable),
                onTopicAt);
        Thread watcherThread = new Thread(watcher, "latency-topic-watcher");
        watcherThread.setDaemon(true);
        watcherThread.start();
        AtomicReference<Exception> pollerError = new AtomicReference<>();
        List<Poller> pollers = new ArrayList<>();
        for (Target target : targets) {
            Poller poller = new Poller(target.database(), target.lookup(), new long[total + 1], pollerError);
            Thread thread = new Thread(poller, "latency-poller-" + pollers.size());
            thread.setDaemon(true);
            thread.start();
            pollers.add(poller);
        }
        Log.info("latency %s: %,d warm-up + %,d measured changes%s", scenario.name(), warmup, changes,
                targets.size() > 1 ? " (the JDBC sink beside, on the same changes)" : "");
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
        for (int i = 0; i < targets.size(); i++) {
            Poller poller = pollers.get(i);
            while (poller.low() <= total) {
                if (pollerError.get() != null) {
                    throw pollerError.get();
                }
                if (System.nanoTime() > deadline) {
                    pollers.forEach(Poller::stop);
                    throw new BenchException(targets.get(i).name() + ": only rows below id " + poller.low() + " of "
                            + total + " reached the target within 120 s of the last commit; "
                            + targets.get(i).diagnostics().get());
                }
                Waits.pause(50);
            }
        }
        pollers.forEach(Poller::stop);
        watcher.stop();
        watcherThread.join(5000);
        List<LatencyResult> results = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            verify(sourceTable, target.database(), target.lookup());
            LatencyResult result = LatencyResult.of(target.name(),
                    sinceCommit(pollers.get(i).seenAt, committedAt, warmup, total), POLL_MS);
            Log.info("latency %s: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms", target.name(), result.p50Ms(),
                    result.p95Ms(), result.p99Ms(), result.maxMs());
            results.add(result);
        }
        boolean captureComplete = watcher.error() == null;
        for (int id = warmup + 1; id <= total; id++) {
            captureComplete &= onTopicAt[id] != 0;
        }
        if (captureComplete) {
            results.add(LatencyResult.of(scenario.name() + CAPTURE_SUFFIX,
                    sinceCommit(onTopicAt, committedAt, warmup, total), 0));
        }
        return results;
    }

    /** Milliseconds from each measured row's commit to {@code at}. */
    private static double[] sinceCommit(long[] at, long[] committedAt, int warmup, int total) {
        double[] ms = new double[total - warmup];
        for (int id = warmup + 1; id <= total; id++) {
            ms[id - warmup - 1] = Math.max(0, at[id] - committedAt[id]) / 1e6;
        }
        return ms;
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

    private void awaitAssigned(String group, String topic, Supplier<String> diagnostics) {
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
