package io.spillway.bench;

import io.spillway.devstack.ConnectWorker;
import io.spillway.devstack.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The captured side: source tables, their publication, change topics pre-created with several partitions,
 * and the Debezium PostgreSQL connector; then the workload written in batched transactions until the topic
 * holds every change.
 */
final class SourceSetup {
    static final String CONNECTOR = "bench-source";
    static final String SLOT = "bench_slot";
    static final String PUBLICATION = "bench_pub";
    static final List<String> TABLES = Stream.concat(Stream.of(SourceTable.MAIN),
            LatencyScenario.ALL.stream().map(LatencyScenario::table)).toList();
    private static final int BATCH = 500;

    private final BenchEnv env;
    private final String compression;

    /** {@code compression}: the connector producer's compression.type (none, lz4, zstd). */
    SourceSetup(BenchEnv env, String compression) {
        this.env = env;
        this.compression = compression;
    }

    void prepare() throws SQLException {
        try (Connection c = env.superuser(PostgresServer.SOURCE_DB); Statement sql = c.createStatement()) {
            for (String table : TABLES) {
                SourceTable.create(c, table);
            }
            sql.execute("DROP PUBLICATION IF EXISTS " + PUBLICATION);
            sql.execute("CREATE PUBLICATION " + PUBLICATION + " FOR TABLE "
                    + String.join(", ", TABLES.stream().map(t -> "public." + t).toList()));
        }
        for (String table : TABLES) {
            env.kafka.createTopic(BenchEnv.topic(table), BenchEnv.PARTITIONS);
        }
        JsonHttp.Response put = env.connect.put("/connectors/" + CONNECTOR + "/config", connectorConfig());
        if (!put.ok()) {
            throw new BenchException("registering the Debezium source connector failed: " + put);
        }
        awaitSlotActive(Duration.ofSeconds(120));
        Log.info("Debezium source connector streaming from slot %s into %d-partition topics (compression %s)", SLOT,
                BenchEnv.PARTITIONS, compression);
    }

    private Map<String, String> connectorConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", ConnectWorker.POSTGRES_CONNECTOR);
        config.put("tasks.max", "1");
        config.put("database.hostname", "localhost");
        config.put("database.port", String.valueOf(env.stack.postgres().port()));
        config.put("database.user", PostgresServer.SOURCE_USER);
        config.put("database.password", PostgresServer.SOURCE_PASSWORD);
        config.put("database.dbname", PostgresServer.SOURCE_DB);
        config.put("topic.prefix", BenchEnv.TOPIC_PREFIX);
        config.put("plugin.name", "pgoutput");
        config.put("slot.name", SLOT);
        config.put("publication.name", PUBLICATION);
        config.put("publication.autocreate.mode", "disabled");
        config.put("table.include.list", String.join(",", TABLES.stream().map(t -> "public." + t).toList()));
        config.put("snapshot.mode", "no_data");
        // One record per change: no tombstones after deletes (neither target needs them for deletes).
        config.put("tombstones.on.delete", "false");
        // What Spillway's jobs expect (io.spillway.pipeline.ConnectorDefaults.POSTGRES_SOURCE).
        config.put("column.propagate.source.type", ".*");
        config.put("decimal.handling.mode", "string");
        config.put("interval.handling.mode", "string");
        config.put("time.precision.mode", "adaptive");
        config.put("binary.handling.mode", "bytes");
        config.put("hstore.handling.mode", "json");
        config.put("skipped.operations", "none");
        // Capture fast enough that producing is not the slow part of a run.
        config.put("max.batch.size", "4096");
        // Debezium's queue is drained every 500 ms by default: that alone would dominate the latency runs.
        config.put("poll.interval.ms", "50");
        config.put("max.queue.size", "16384");
        config.put("producer.override.linger.ms", "20");
        config.put("producer.override.batch.size", "262144");
        // As connectors created through Spillway get it by default (io.spillway.debezium.TopicCompression).
        config.put("producer.override.compression.type", compression);
        return config;
    }

    private void awaitSlotActive(Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = env.superuser(PostgresServer.SOURCE_DB); Statement sql = c.createStatement()) {
            while (true) {
                try (ResultSet rs = sql.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '"
                        + SLOT + "'")) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchException("the Debezium connector did not start streaming within "
                            + timeout.toSeconds() + " s: " + env.connect.get("/connectors/" + CONNECTOR + "/status"));
                }
                Waits.pause(200);
            }
        }
    }

    /** Writes the workload; returns the seconds from the first write to the topic holding every change. */
    double produce(long changes) throws SQLException {
        String topic = BenchEnv.topic(SourceTable.MAIN);
        Workload workload = new Workload(42, 1000);
        long written = 0;
        long started = System.nanoTime();
        long lastLog = started;
        long batchNo = 0;
        try (Connection c = env.sourceWriter()) {
            while (written < changes) {
                Workload.Batch batch = workload.next((int) Math.min(BATCH, changes - written));
                SourceTable.write(c, SourceTable.MAIN, batch, batchNo++);
                written += batch.size();
                if (System.nanoTime() - lastLog > 5_000_000_000L) {
                    lastLog = System.nanoTime();
                    double s = (lastLog - started) / 1e9;
                    Log.info("source: %,d / %,d changes written (%,.0f/s), topic holds %,d", written, changes,
                            written / s, env.kafka.endOffsetTotal(topic));
                }
            }
        }
        double writeSeconds = (System.nanoTime() - started) / 1e9;
        Log.info("source: %,d changes written in %.1f s (%,d rows live); waiting for Debezium", written,
                writeSeconds, workload.liveRows());
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            long onTopic = env.kafka.endOffsetTotal(topic);
            if (onTopic >= changes) {
                if (onTopic > changes) {
                    throw new BenchException("the topic holds " + onTopic + " records for " + changes
                            + " changes: something else writes to " + topic);
                }
                break;
            }
            if (onTopic != lastCount) {
                lastCount = onTopic;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > 120_000_000_000L) {
                throw new BenchException("Debezium stalled at " + onTopic + " of " + changes + " changes: "
                        + env.connect.get("/connectors/" + CONNECTOR + "/status"));
            }
            if (System.nanoTime() - lastLog > 5_000_000_000L) {
                lastLog = System.nanoTime();
                Log.info("topic %s holds %,d / %,d changes", topic, onTopic, changes);
            }
            Waits.pause(250);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Log.info("topic %s holds all %,d changes, %.1f s after the first write (%,.0f changes/s captured)",
                topic, changes, seconds, changes / seconds);
        return seconds;
    }
}
