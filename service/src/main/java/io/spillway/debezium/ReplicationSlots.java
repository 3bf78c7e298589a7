package io.spillway.debezium;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a PostgreSQL connector's replication slot on its source database, with the credentials the
 * connector itself uses: whether the slot is active and how much WAL it holds back
 * (current WAL position minus the slot's restart_lsn). A slot that keeps growing means the source
 * disk fills up.
 */
final class ReplicationSlots {
    private static final String QUERY = """
            SELECT slot_name, active, pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) AS retained
            FROM pg_replication_slots WHERE slot_name = ?""";

    private ReplicationSlots() {
    }

    /** What the health check shows for the connector's slot; a failure is described, never thrown. */
    static Map<String, Object> describe(Map<String, String> connectorConfig) {
        String slot = connectorConfig.getOrDefault("slot.name", "debezium");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("slot_name", slot);
        String host = connectorConfig.getOrDefault("database.hostname", "");
        String port = connectorConfig.getOrDefault("database.port", "5432");
        String database = connectorConfig.getOrDefault("database.dbname", "");
        if (!SourceDatabase.addressUsable(connectorConfig)) {
            result.put("error", "the connector's database.hostname/port/dbname do not form a usable address");
            return result;
        }
        try (Connection connection = SourceDatabase.open(connectorConfig, "spillway-health");
                PreparedStatement query = connection.prepareStatement(QUERY)) {
            query.setString(1, slot);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    result.put("error", "no replication slot named '" + slot + "' on " + host + ":" + port
                            + " (the connector creates it when its task starts)");
                    return result;
                }
                BigDecimal retained = row.getBigDecimal("retained");
                result.put("active", row.getBoolean("active"));
                result.put("retained_wal_bytes", retained == null ? null : retained.longValue());
            }
        } catch (SQLException e) {
            result.put("error", "cannot read replication slots on " + host + ":" + port + "/" + database + ": "
                    + SecretRedaction.scrub(e.getMessage(), List.copyOf(SecretRedaction.secretValues(connectorConfig))));
        }
        return result;
    }
}
