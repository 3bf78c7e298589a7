package io.spillway.debezium.snapshot;

import io.spillway.debezium.SourceDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a restarted connector has brought its publication in line with its new table list (Debezium
 * does that on start with {@code publication.autocreate.mode=filtered}), read with the connector's own
 * credentials. Once it has, the old task is gone, so a signal sent now reaches the new one.
 */
final class PublicationTables {
    private static final Logger log = LoggerFactory.getLogger(PublicationTables.class);
    private static final String QUERY = """
            SELECT count(*) FROM pg_publication_tables WHERE pubname = ? AND schemaname = ? AND tablename = ?""";

    private PublicationTables() {
    }

    /** True once every added table is in the publication and no removed one is; false at the deadline. */
    static boolean await(Map<String, String> config, List<String> added, List<String> removed, Duration patience) {
        if (!"filtered".equalsIgnoreCase(config.get("publication.autocreate.mode"))
                || !SourceDatabase.addressUsable(config)) {
            return false;
        }
        String publication = config.getOrDefault("publication.name", "dbz_publication");
        Instant giveUp = Instant.now().plus(patience);
        while (Instant.now().isBefore(giveUp)) {
            try (Connection connection = SourceDatabase.open(config, "spillway-capture")) {
                if (all(connection, publication, added, true) && all(connection, publication, removed, false)) {
                    return true;
                }
            } catch (SQLException e) {
                log.debug("publication {} not readable yet: {}", publication, e.getSQLState());
            }
            try {
                Thread.sleep(500); // polling interval while the connector restarts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean all(Connection connection, String publication, List<String> tables, boolean present)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(QUERY)) {
            for (String table : tables) {
                int dot = table.indexOf('.');
                query.setString(1, publication);
                query.setString(2, table.substring(0, dot));
                query.setString(3, table.substring(dot + 1));
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    if ((row.getInt(1) > 0) != present) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
