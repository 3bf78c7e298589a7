package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.change.ChangeEvent;
import io.spillway.devstack.PostgresServer;
import io.spillway.pipeline.postgres.PgIdentifiers;
import io.spillway.pipeline.sync.SyncJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** sync into PostgreSQL on the real capture path: random load, replays, schema changes, hostile names. */
class PostgresSyncIT extends CdcFixture {
    private static final List<String> MIX_COLUMNS = List.of("id", "a", "b", "c", "d");

    @Test
    void aRandomMixOf20000ChangesInRandomWindowsLeavesTargetEqualToSourceAndReplaysChangeNothing() throws Exception {
        String suffix = uniqueSuffix();
        String table = "mix_" + suffix;
        String schema = "it_mix_" + suffix;
        createSourceTable(table, "id int PRIMARY KEY, a int, b text, c numeric(10,2), d timestamptz");
        Random random = new Random(42);
        SyncJob sync = new SyncJob(id -> warehouseTarget(schema));
        JobContext context = new JobContext("c-" + suffix, "mix", "wh", null);
        try (Capture capture = new Capture(table)) {
            int changes = randomChanges(table, random, 20_000);
            List<ChangeEvent> events = capture.readUntil(changes);
            assertThat(events).hasSize(20_000);
            List<Window> windows = windows(events, random, 3000);
            for (Window window : windows) {
                sync.run(context, window);
            }
            assertTargetEqualsSource(table, schema, table, MIX_COLUMNS, Map.of());
            List<String> versions = versions(schema, table);

            for (Window window : windows) { // offsets reset: every window again, in order
                sync.run(context, window);
            }
            assertTargetEqualsSource(table, schema, table, MIX_COLUMNS, Map.of());
            List<Window> shuffled = new ArrayList<>(windows);
            Collections.shuffle(shuffled, random); // old windows after new ones: never an older version
            for (Window window : shuffled.subList(0, shuffled.size() / 2)) {
                sync.run(context, window);
            }
            assertTargetEqualsSource(table, schema, table, MIX_COLUMNS, Map.of());
            assertThat(versions(schema, table)).isEqualTo(versions);
        }
    }

    @Test
    void aTargetDroppedOrAlteredBehindSpillwaysBackBetweenWindowsIsReadAgainWithoutAFailedWindow() throws Exception {
        String suffix = uniqueSuffix();
        String table = "behind_" + suffix;
        String schema = "it_behind_" + suffix;
        String target = PgIdentifiers.qualified(schema, table);
        createSourceTable(table, "id int PRIMARY KEY, name text");
        SyncJob sync = new SyncJob(id -> warehouseTarget(schema));
        JobContext context = new JobContext("c-" + suffix, "p", "wh", null);
        try (Capture capture = new Capture(table)) {
            source("INSERT INTO " + table + " SELECT g, 'n' || g FROM generate_series(1, 30) g");
            source("UPDATE " + table + " SET name = 'renamed ' || id WHERE id <= 5");
            List<ChangeEvent> events = capture.readUntil(35);
            sync.run(context, window(events.subList(0, 10))); // creates the table
            sync.run(context, window(events.subList(10, 20))); // reads its layout, which later windows reuse
            try (Connection c = warehouse()) {
                c.createStatement().execute("DROP TABLE " + target);
            }
            sync.run(context, window(events.subList(20, 25))); // the remembered table is gone: created again
            sync.run(context, window(events.subList(25, 30))); // its layout read and remembered again
            try (Connection c = warehouse()) {
                assertThat(rows(c, "SELECT count(*) FROM " + target)).containsExactly("10");
                c.createStatement().execute("ALTER TABLE " + target + " DROP COLUMN name");
            }
            sync.run(context, window(events.subList(30, 35))); // a column gone: added again, then loaded
            try (Connection c = warehouse()) {
                assertThat(rows(c, "SELECT name FROM " + target + " WHERE id IN (1, 5) ORDER BY id"))
                        .containsExactly("renamed 1", "renamed 5");
                assertThat(rows(c, "SELECT count(*) FROM " + target)).containsExactly("15");
            }
        }
    }

    @Test
    void aColumnAddedMidStreamAppearsWithItsValues() throws Exception {
        String suffix = uniqueSuffix();
        String table = "evolve_" + suffix;
        String schema = "it_evolve_" + suffix;
        createSourceTable(table, "id int PRIMARY KEY, name text");
        try (Capture capture = new Capture(table)) {
            source("INSERT INTO " + table + " SELECT g, 'n' || g FROM generate_series(1, 20) g");
            source("ALTER TABLE " + table + " ADD COLUMN score numeric(6,2), ADD COLUMN tags text[]");
            source("UPDATE " + table + " SET score = id * 1.5, tags = ARRAY['t' || id] WHERE id <= 10");
            source("INSERT INTO " + table + " SELECT g, 'n' || g, g / 4.0, '{a,b}' FROM generate_series(21, 30) g");
            List<ChangeEvent> events = capture.readUntil(20 + 10 + 10);
            SyncJob sync = new SyncJob(id -> warehouseTarget(schema));
            // One window holds rows of both schemas: the first 25 events, then the rest.
            sync.run(new JobContext("c", "p", "wh", null), window(events.subList(0, 25)));
            sync.run(new JobContext("c", "p", "wh", null), window(events.subList(25, events.size())));
        }
        assertTargetEqualsSource(table, schema, table, List.of("id", "name", "score", "tags"), Map.of());
        try (Connection c = warehouse()) {
            assertThat(rows(c, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '"
                    + PgIdentifiers.qualified(schema, table).replace("'", "''") + "'::regclass AND attname = 'score'"))
                    .containsExactly("numeric(6,2)");
        }
    }

    @Test
    void aTableWithAHostileNameSyncsLikeAnyOther() throws Exception {
        String suffix = uniqueSuffix();
        String table = "weird \"name\"; drop table x; -- " + suffix;
        String schema = "it weird \"schema\" " + suffix;
        String column = "col\"; drop table y; --";
        createSourceTable(table, "id int PRIMARY KEY, " + PgIdentifiers.quote(column) + " text, \"Mixed Case\" int");
        String quoted = PgIdentifiers.qualified("public", table);
        try (Capture capture = new Capture(table)) {
            source("INSERT INTO " + quoted + " SELECT g, 'v' || g, g FROM generate_series(1, 10) g");
            source("UPDATE " + quoted + " SET " + PgIdentifiers.quote(column) + " = 'changed' WHERE id = 3");
            source("DELETE FROM " + quoted + " WHERE id = 4");
            List<ChangeEvent> events = capture.readUntil(12);
            new SyncJob(id -> warehouseTarget(schema)).run(new JobContext("c", "p", "wh", null), window(events));
        }
        assertTargetEqualsSource(table, schema, table, List.of("id", column, "Mixed Case"), Map.of());
        try (Connection c = warehouse()) {
            assertThat(count(c, "SELECT count(*) FROM " + PgIdentifiers.qualified(schema, table))).isEqualTo(9);
        }
    }

    @Test
    void aTruncateEmptiesTheTargetAndLaterRowsArrive() throws Exception {
        String suffix = uniqueSuffix();
        String table = "trunc_" + suffix;
        String schema = "it_trunc_" + suffix;
        createSourceTable(table, "id int PRIMARY KEY, v text");
        try (Capture capture = new Capture(table)) {
            source("INSERT INTO " + table + " SELECT g, 'v' FROM generate_series(1, 5) g");
            List<ChangeEvent> first = capture.readUntil(5);
            SyncJob sync = new SyncJob(id -> warehouseTarget(schema));
            sync.run(new JobContext("c", "p", "wh", null), window(first));
            source("TRUNCATE " + table, "INSERT INTO " + table + " VALUES (7, 'after')");
            capture.readUntil(7);
            sync.run(new JobContext("c", "p", "wh", null), window(capture.since(5)));
        }
        assertTargetEqualsSource(table, schema, table, List.of("id", "v"), Map.of());
    }

    @Test
    void anExplicitTargetTableIsUsed() throws Exception {
        String suffix = uniqueSuffix();
        String table = "named_" + suffix;
        String schema = "it_named_" + suffix;
        createSourceTable(table, "id int PRIMARY KEY, v text");
        try (Capture capture = new Capture(table)) {
            source("INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b')");
            new SyncJob(id -> warehouseTarget(schema))
                    .run(new JobContext("c", "p", "wh", "renamed"), window(capture.readUntil(2)));
        }
        assertTargetEqualsSource(table, schema, "renamed", List.of("id", "v"), Map.of());
    }

    /** Runs {@code n} single-row statements (inserts, updates, deletes) in batched transactions. */
    static int randomChanges(String table, Random random, int n) throws Exception {
        List<Integer> live = new ArrayList<>();
        java.util.Set<Integer> liveSet = new java.util.HashSet<>();
        int nextId = 1;
        try (Connection c = stack.postgres().superuser(PostgresServer.SOURCE_DB)) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?::numeric,"
                    + " now() - make_interval(secs => ?))");
                    PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET a = ?, b = ?,"
                            + " c = ?::numeric WHERE id = ?");
                    PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
                for (int i = 0; i < n; i++) {
                    int dice = random.nextInt(10);
                    if (live.isEmpty() || dice < 4) {
                        int id = nextId++;
                        insert.setInt(1, id);
                        insert.setObject(2, random.nextInt(5) == 0 ? null : random.nextInt());
                        insert.setString(3, random.nextInt(5) == 0 ? null : "text " + random.nextLong());
                        insert.setString(4, random.nextInt(5) == 0 ? null : (random.nextInt(2_000_000) - 1_000_000) / 100.0 + "");
                        insert.setDouble(5, random.nextInt(1_000_000) / 7.0);
                        insert.executeUpdate();
                        live.add(id);
                        liveSet.add(id);
                    } else if (dice < 8) {
                        int id = live.get(random.nextInt(live.size()));
                        update.setObject(1, random.nextInt(5) == 0 ? null : random.nextInt());
                        update.setString(2, random.nextInt(5) == 0 ? null : "upd\t\n\\ " + random.nextLong());
                        update.setString(3, random.nextInt(5) == 0 ? null : random.nextInt(100000) / 100.0 + "");
                        update.setInt(4, id);
                        update.executeUpdate();
                    } else {
                        int index = random.nextInt(live.size());
                        int id = live.get(index);
                        live.set(index, live.get(live.size() - 1));
                        live.remove(live.size() - 1);
                        liveSet.remove(id);
                        delete.setInt(1, id);
                        delete.executeUpdate();
                    }
                    if (i % 200 == 199) {
                        c.commit();
                    }
                }
                c.commit();
            }
        }
        return n;
    }

    private static List<String> versions(String schema, String table) throws Exception {
        try (Connection c = warehouse()) {
            return rows(c, "SELECT id || ':' || __spillway_lsn FROM " + PgIdentifiers.qualified(schema, table)
                    + " ORDER BY id");
        }
    }
}
