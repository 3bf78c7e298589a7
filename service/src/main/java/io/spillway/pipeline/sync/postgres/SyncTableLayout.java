package io.spillway.pipeline.sync.postgres;

import static io.spillway.pipeline.postgres.PgIdentifiers.qualified;
import static io.spillway.pipeline.postgres.PgIdentifiers.quote;

import io.spillway.change.Column;
import io.spillway.pipeline.postgres.PgIdentifiers;
import io.spillway.pipeline.postgres.PgTargets;
import io.spillway.pipeline.postgres.PgTypeMapper;
import io.spillway.pipeline.sync.SyncException;
import io.spillway.pipeline.sync.TableChanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates and evolves a sync target table: the source's columns with faithful types, the same primary
 * key, plus {@code __spillway_lsn} (the source LSN of the row's version); and its side table
 * {@code <table>__spillway_deleted} (primary key + the LSN of the delete) that stops a replayed older
 * insert from bringing a deleted row back.
 */
final class SyncTableLayout {
    static final String LSN = "__spillway_lsn";
    static final String DELETED_SUFFIX = "__spillway_deleted";

    private SyncTableLayout() {
    }

    static String deletedTable(String table) {
        return PgIdentifiers.derived(table, DELETED_SUFFIX);
    }

    /** Creates the target, or adds the window's columns it lacks to {@code existing} (its columns, read before). */
    static void ensure(Connection connection, String schema, String table, TableChanges changes,
            Map<String, String> existing) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            if (existing.isEmpty()) {
                sql.execute(createTable(schema, table, changes));
            } else {
                for (Column column : changes.columns()) {
                    if (!existing.containsKey(column.name())) {
                        sql.execute("ALTER TABLE " + qualified(schema, table) + " ADD COLUMN IF NOT EXISTS "
                                + quote(column.name()) + " " + PgTypeMapper.sqlType(column));
                    }
                }
                if (!existing.containsKey(LSN)) {
                    // A table the user created: versions loaded before now count as oldest.
                    sql.execute("ALTER TABLE " + qualified(schema, table) + " ADD COLUMN " + quote(LSN)
                            + " bigint NOT NULL DEFAULT 0");
                }
            }
            String deleted = deletedTable(table);
            if (PgTargets.columnsOf(connection, schema, deleted).isEmpty()) {
                String keys = PgIdentifiers.list(changes.primaryKey());
                sql.execute("CREATE TABLE " + qualified(schema, deleted) + " AS SELECT " + keys + ", " + quote(LSN)
                        + " FROM " + qualified(schema, table) + " WITH NO DATA");
                sql.execute("ALTER TABLE " + qualified(schema, deleted) + " ADD PRIMARY KEY (" + keys + ")");
            }
        }
    }

    private static String createTable(String schema, String table, TableChanges changes) {
        if (changes.columns().isEmpty()) {
            throw new SyncException("cannot create " + schema + "." + table + ": the change events carry no schema "
                    + "(set value.converter.schemas.enable=true on the Connect worker or connector)");
        }
        List<String> definitions = new ArrayList<>();
        for (Column column : changes.columns()) {
            String type = PgTypeMapper.sqlType(column);
            boolean key = changes.primaryKey().contains(column.name());
            definitions.add(quote(column.name()) + " " + type + (key ? " NOT NULL" : ""));
        }
        definitions.add(quote(LSN) + " bigint NOT NULL");
        definitions.add("PRIMARY KEY (" + PgIdentifiers.list(changes.primaryKey()) + ")");
        return "CREATE TABLE " + qualified(schema, table) + " (\n  " + String.join(",\n  ", definitions) + ")";
    }
}
