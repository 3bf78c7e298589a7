package io.spillway.pipeline.sync.postgres;

import io.spillway.pipeline.PostgresTarget;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The target tables as the last committed load found them, per target database: a window whose columns the
 * table already has, with nothing to change under the schema policy, skips the catalog look-ups (the schema,
 * the table's layout, its side table and the truncate watermarks), three round trips per table and window.
 * Filled only by a load that read the catalog and changed no layout; forgotten for the whole target when a
 * load fails, so a table dropped or altered behind Spillway's back is read again on the next attempt.
 */
final class KnownLayouts {
    /** Tables remembered per instance, all targets together: beyond this the cache starts again. */
    private static final int MAX_TABLES = 10_000;

    private record Database(String jdbcUrl, String username) {
        static Database of(PostgresTarget target) {
            return new Database(target.jdbcUrl(), target.username());
        }
    }

    private record Schema(Database database, String schema) {
    }

    private record Table(Database database, String schema, String table) {
    }

    private final Map<Table, TargetLayout> tables = new ConcurrentHashMap<>();
    private final Set<Schema> schemas = ConcurrentHashMap.newKeySet();

    /** The layout the last committed load read for this table, or null when it must be read. */
    TargetLayout layout(PostgresTarget target, String schema, String table) {
        return tables.get(new Table(Database.of(target), schema, table));
    }

    /** The schema exists, with its watermarks table, when a table of it is known. */
    boolean schemaReady(PostgresTarget target, String schema) {
        return schemas.contains(new Schema(Database.of(target), schema));
    }

    void remember(PostgresTarget target, String schema, String table, TargetLayout layout) {
        if (tables.size() >= MAX_TABLES) {
            tables.clear();
            schemas.clear();
        }
        Database database = Database.of(target);
        tables.put(new Table(database, schema, table), layout);
        schemas.add(new Schema(database, schema));
    }

    void forget(PostgresTarget target) {
        Database database = Database.of(target);
        tables.keySet().removeIf(t -> t.database().equals(database));
        schemas.removeIf(s -> s.database().equals(database));
    }
}
