package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.change.ChangeEvent;
import io.spillway.devstack.PostgresServer;
import io.spillway.pipeline.postgres.PgIdentifiers;
import io.spillway.pipeline.postgres.PgTargets;
import io.spillway.pipeline.sync.SyncJob;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * One family of column types through the real capture path and the {@code sync} job: rows read by
 * Debezium's initial snapshot, the same rows streamed, every row updated to another row's values, one
 * deleted; then, per column, the target's values equal the source's in SQL, and each target column has the
 * source's type unless the test says otherwise.
 */
abstract class TypeFamilyFixture extends CdcFixture {

    /** Values of one row: the SQL of each column's value, in the order of the columns. */
    record Values(String... sql) {
        String tuple(int id) {
            return "(" + id + ", " + String.join(", ", sql) + ")";
        }
    }

    /**
     * @param columnsDdl the columns after {@code id int PRIMARY KEY}
     * @param snapshotAndStreamed rows inserted before capture starts (read by the snapshot) and again after
     * @param streamedOnly rows only inserted after capture started
     * @param expressions a column's rendering on both sides where its own text would differ by design
     * @param targetExpressions a column's rendering on the target side only (a column loaded as another type)
     * @param targetTypes a column's expected target type where it is not the source's type
     */
    protected static void assertSyncedExactly(String family, String columnsDdl, List<Values> snapshotAndStreamed,
            List<Values> streamedOnly, Map<String, String> expressions, Map<String, String> targetExpressions,
            Map<String, String> targetTypes)
            throws Exception {
        String suffix = uniqueSuffix();
        String table = family + "_" + suffix;
        String targetSchema = "it_" + family + "_" + suffix;
        createSourceTable(table, "id int PRIMARY KEY, " + columnsDdl);
        String qualified = PgIdentifiers.qualified("public", table);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < snapshotAndStreamed.size(); i++) {
            source("INSERT INTO " + qualified + " VALUES " + snapshotAndStreamed.get(i).tuple(i + 1));
            ids.add(i + 1);
        }
        List<String> columns = sourceColumns(table);
        String valueColumns = columns.stream().skip(1).map(PgIdentifiers::quote).collect(Collectors.joining(", "));
        int events = ids.size();
        try (Capture capture = new Capture(table)) {
            List<Values> streamed = new ArrayList<>(snapshotAndStreamed);
            streamed.addAll(streamedOnly);
            for (int i = 0; i < streamed.size(); i++) {
                source("INSERT INTO " + qualified + " VALUES " + streamed.get(i).tuple(101 + i));
                ids.add(101 + i);
            }
            events += streamed.size();
            // Each row takes the values of the next one: every edge value also arrives through an update.
            for (int i = 0; i < ids.size(); i++) {
                source("UPDATE " + qualified + " SET (" + valueColumns + ") = (SELECT " + valueColumns + " FROM "
                        + qualified + " WHERE id = " + ids.get((i + 1) % ids.size()) + ") WHERE id = " + ids.get(i));
            }
            events += ids.size();
            source("DELETE FROM " + qualified + " WHERE id = " + ids.get(0));
            events++;

            List<ChangeEvent> changes = capture.readUntil(events);
            SyncJob sync = new SyncJob(id -> warehouseTarget(targetSchema));
            JobContext context = new JobContext("c-" + suffix, "types", "wh", null);
            for (Window window : windows(changes, new Random(11), 5)) {
                sync.run(context, window);
            }
        }

        List<String> differing = new ArrayList<>();
        for (String column : columns.subList(1, columns.size())) {
            try {
                Map<String, String> onTarget = new LinkedHashMap<>(expressions);
                onTarget.putAll(targetExpressions);
                assertTargetEqualsSource(table, targetSchema, table, List.of("id", column), expressions, onTarget);
            } catch (AssertionError e) {
                differing.add(column + ": " + e.getMessage());
            }
        }
        assertThat(differing).as("columns whose target values differ from the source's").isEmpty();

        Map<String, String> expected = typesOf(stack.postgres().superuser(PostgresServer.SOURCE_DB), "public", table);
        expected.putAll(targetTypes);
        Map<String, String> actual = typesOf(warehouse(), targetSchema, table);
        actual.remove("__spillway_lsn");
        assertThat(actual).isEqualTo(expected);
    }

    private static List<String> sourceColumns(String table) throws Exception {
        return List.copyOf(typesOf(stack.postgres().superuser(PostgresServer.SOURCE_DB), "public", table).keySet());
    }

    private static Map<String, String> typesOf(Connection connection, String schema, String table) throws Exception {
        try (connection) {
            return new LinkedHashMap<>(PgTargets.columnsOf(connection, schema, table));
        }
    }
}
