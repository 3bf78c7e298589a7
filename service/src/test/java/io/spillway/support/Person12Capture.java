package io.spillway.support;

import static org.awaitility.Awaitility.await;

import io.spillway.devstack.SharedDevstack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

/**
 * A {@code POST /debezium/start/} body capturing the devstack's {@code public.person12} from now on (no
 * snapshot), with a topic prefix, slot and publication of its own: {@code <base><suffix>},
 * {@code slot_<base>_<suffix>}, {@code pub_<base>_<suffix>}.
 */
public final class Person12Capture {
    private Person12Capture() {
    }

    public static String request(String connector, int postgresPort, String base, String suffix) {
        return """
                {"name": "%1$s", "config": {
                   "connector_class": "io.debezium.connector.postgresql.PostgresConnector",
                   "database_hostname": "localhost", "database_port": "%2$d", "database_user": "debezium",
                   "database_password": "password", "database_dbname": "mydatabase", "topic_prefix": "%3$s%4$s",
                   "publication_autocreate_mode": "filtered", "publication_name": "pub_%3$s_%4$s",
                   "slot_name": "slot_%3$s_%4$s", "table_include_list": "public.person12",
                   "plugin_name": "pgoutput", "snapshot_mode": "no_data"}}""".formatted(connector, postgresPort, base,
                suffix);
    }

    /** Waits until the connector's task streams from its slot: changes made from then on are captured. */
    public static void awaitStreaming(String base, String suffix) {
        String slot = "slot_" + base + "_" + suffix;
        await("slot " + slot + " streaming").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    try (Connection pg = SharedDevstack.get().postgres().superuser("mydatabase");
                            PreparedStatement query = pg.prepareStatement(
                                    "SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
                        query.setString(1, slot);
                        try (ResultSet row = query.executeQuery()) {
                            return row.next() && row.getBoolean(1);
                        }
                    }
                });
    }

    /** The change topic such a connector writes person12's changes to. */
    public static String topic(String base, String suffix) {
        return base + suffix + ".public.person12";
    }
}
