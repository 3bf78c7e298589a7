package io.spillway.pipeline.sync.postgres;

import static io.spillway.pipeline.postgres.PgIdentifiers.qualified;
import static io.spillway.pipeline.postgres.PgIdentifiers.quote;

import io.spillway.change.Column;
import io.spillway.pipeline.SchemaChangePolicy;
import io.spillway.pipeline.postgres.PgTypeMapper;
import io.spillway.pipeline.sync.TableChanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a window's source layout (its columns' types and the record key's fields) with the existing
 * target's, once per table per window, and says what to do under the consumer's {@link SchemaChangePolicy}:
 * apply widenings and drops, or pause the table when the target cannot take the changes as they are
 * (a type change that is not a widening, a changed primary key). Added columns are left to
 * {@link SyncTableLayout}. Only types from {@link PgTypeMapper} reach the DDL. Pure but for {@link Apply#run}.
 */
final class SchemaEvolution {
    /** Columns of our own in the target: never dropped, never compared. */
    private static final String OWN_PREFIX = "__spillway_";

    sealed interface Plan permits Apply, Pause {
    }

    /** DDL to run before the load (empty when the layouts agree). */
    record Apply(List<String> statements) implements Plan {
        void run(Connection connection) throws SQLException {
            if (statements.isEmpty()) {
                return;
            }
            try (Statement sql = connection.createStatement()) {
                for (String statement : statements) {
                    sql.execute(statement);
                }
            }
        }
    }

    /** The table's changes must not be loaded: {@code reason} says what changed and what to do next. */
    record Pause(String reason) implements Plan {
    }

    private SchemaEvolution() {
    }

    static Plan plan(String schema, String table, TargetLayout target, TableChanges changes,
            SchemaChangePolicy policy) {
        String name = schema + "." + table;
        if (!target.exists() || changes.columns().isEmpty()) {
            return new Apply(List.of());
        }
        Set<String> sourceKey = new LinkedHashSet<>(changes.primaryKey());
        if (!sourceKey.isEmpty() && !sourceKey.equals(target.primaryKey())) {
            return new Pause("the primary key of " + changes.table() + " is now " + sourceKey + " (the record key's"
                    + " fields) but the target " + name + " has " + target.primaryKey() + ": loading it is paused,"
                    + " never by the wrong key. To resume, give the target and its " + SyncTableLayout.deletedTable(table)
                    + " table that primary key, or drop both to have them created anew, then replay the table's"
                    + " changes (see docs/jobs.md, Schema changes)");
        }
        List<String> statements = new ArrayList<>();
        if (policy.comparesTypes()) {
            for (Column column : changes.columns()) {
                String existing = target.columns().get(column.name());
                if (existing == null) {
                    continue; // added: SyncTableLayout adds it
                }
                String type = PgTypeMapper.sqlType(column);
                String wanted = ColumnTypes.canonical(type);
                if (ColumnTypes.same(wanted, existing)) {
                    continue;
                }
                if (policy.widens() && ColumnTypes.widens(existing, wanted)) {
                    statements.add(alterType(schema, table, column.name(), type));
                    if (sourceKey.contains(column.name())) {
                        statements.add("ALTER TABLE IF EXISTS " + qualified(schema, SyncTableLayout.deletedTable(table))
                                + " ALTER COLUMN " + quote(column.name()) + " TYPE " + type);
                    }
                } else if (!(policy.widens() && ColumnTypes.widens(wanted, existing))) {
                    // A target already wider than the source (a narrowed source column) holds every value as is.
                    return new Pause("column \"" + column.name() + "\" of " + changes.table() + " is now " + wanted
                            + " at the source but " + existing + " in the target " + name + ", and the policy"
                            + " type_change '" + policy.typeChange() + "' does not apply that change: loading " + name
                            + " is paused rather than writing values the target column may change or refuse. To"
                            + " resume, alter the target column (ALTER TABLE " + name + " ALTER COLUMN ... TYPE "
                            + type + " USING ...), then replay the table's changes (see docs/jobs.md, Schema changes)");
                }
            }
        }
        if (policy.dropsColumns()) {
            Set<String> source = new LinkedHashSet<>();
            changes.columns().forEach(c -> source.add(c.name()));
            for (Map.Entry<String, String> column : target.columns().entrySet()) {
                String dropped = column.getKey();
                if (!source.contains(dropped) && !dropped.startsWith(OWN_PREFIX)
                        && !target.primaryKey().contains(dropped)) {
                    statements.add("ALTER TABLE " + qualified(schema, table) + " DROP COLUMN " + quote(dropped));
                }
            }
        }
        return new Apply(statements);
    }

    private static String alterType(String schema, String table, String column, String type) {
        return "ALTER TABLE " + qualified(schema, table) + " ALTER COLUMN " + quote(column) + " TYPE " + type;
    }
}
