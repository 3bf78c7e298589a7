package io.spillway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.devstack.PostgresServer;
import io.spillway.devstack.SharedDevstack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One source table captured by a connector of its own, for tests that replay or backfill it: the connector
 * {@code <kind>-<suffix>} (topic prefix {@code <kind><suffix>}, publication and slot named after it) is
 * created through Spillway's API, so it gets Spillway's connector defaults.
 */
public final class TableCapture {
    private TableCapture() {
    }

    /** A random suffix that keeps a test's names apart from every other test's. */
    public static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Runs statements on the source database as the superuser. */
    public static void source(String... statements) throws SQLException {
        try (Connection c = SharedDevstack.get().postgres().superuser(PostgresServer.SOURCE_DB);
                Statement sql = c.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    /**
     * Starts the connector on {@code public.<table>} with {@code moreConfig} (JSON fields, e.g.
     * {@code "snapshot_mode": "initial"}) and waits until its slot streams, so later writes are streamed.
     */
    public static void start(Api api, String kind, String suffix, String table, String moreConfig) {
        Api.Response connector = api.post("/debezium/start/", """
                {"name": "%1$s-%2$s", "config": {
                   "connector_class": "io.debezium.connector.postgresql.PostgresConnector", "tasks_max": "1",
                   "database_hostname": "localhost", "database_port": "%3$d", "database_user": "debezium",
                   "database_password": "password", "database_dbname": "mydatabase", "topic_prefix": "%1$s%2$s",
                   "publication_autocreate_mode": "filtered", "publication_name": "pub_%1$s_%2$s",
                   "slot_name": "slot_%1$s_%2$s", "table_include_list": "public.%4$s", "plugin_name": "pgoutput",
                   "slot_drop_on_stop": "true", %5$s}}""".formatted(kind, suffix,
                SharedDevstack.get().postgres().port(), table, moreConfig));
        assertThat(connector.status()).as(connector.body()).isEqualTo(201);
        await("replication slot").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> slotActive("slot_" + kind + "_" + suffix));
    }

    /** The connector {@link #start} made, deleted through the API. */
    public static void delete(Api api, String kind, String suffix) {
        api.delete("/debezium/connector/" + kind + "-" + suffix + "/delete/");
    }

    public static boolean slotActive(String slot) throws SQLException {
        try (Connection c = SharedDevstack.get().postgres().superuser(PostgresServer.SOURCE_DB);
                PreparedStatement sql = c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            sql.setString(1, slot);
            try (ResultSet rs = sql.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Moves a stopped consumer's group back to the start of its one-partition topic, as after a crash before
     * the commit of an overlapping window (retried while the group's last member is still leaving).
     */
    public static void rewindToStart(Admin admin, String consumerId, String topic) {
        await("group rewound").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    admin.alterConsumerGroupOffsets("spillway-" + consumerId,
                            Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0))).all().get();
                    return true;
                });
    }
}
