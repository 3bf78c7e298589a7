package io.spillway.bench;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The source table's shape (12 columns of the common kinds: bigint key, text, numeric, integer, boolean,
 * timestamptz, jsonb) and the SQL that writes a {@link Workload.Batch} as one transaction.
 */
final class SourceTable {
    static final String MAIN = "bench_source";
    static final String LATENCY = "bench_latency";

    /** Columns compared between source and target: each cast to one canonical text, whatever the target's type. */
    static final List<String> CANONICAL_COLUMNS = List.of(
            "id::text::bigint::text",
            "customer_id::text::bigint::text",
            "name::text",
            "coalesce(email::text, '<null>')",
            "amount::text::numeric(12,2)::text",
            "quantity::text::integer::text",
            "active::text::boolean::text",
            "to_char(created_at::text::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
            "to_char(updated_at::text::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
            "coalesce(attributes::text::jsonb::text, '<null>')",
            "coalesce(note::text, '<null>')",
            "version::text::integer::text");

    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final String[] TIERS = {"free", "silver", "gold", "platinum"};
    private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
        "hotel", "india", "juliett", "kilo", "lima"};

    private SourceTable() {
    }

    static String ddl(String table) {
        return "CREATE TABLE public." + table + " ("
                + "id bigint PRIMARY KEY, "
                + "customer_id bigint NOT NULL, "
                + "name text NOT NULL, "
                + "email text, "
                + "amount numeric(12,2) NOT NULL, "
                + "quantity integer NOT NULL, "
                + "active boolean NOT NULL, "
                + "created_at timestamptz NOT NULL, "
                + "updated_at timestamptz NOT NULL, "
                + "attributes jsonb, "
                + "note text, "
                + "version integer NOT NULL)";
    }

    static void create(Connection superuser, String table) throws SQLException {
        try (Statement sql = superuser.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS public." + table);
            sql.execute(ddl(table));
            sql.execute("ALTER TABLE public." + table + " OWNER TO debezium");
            // Full before-images, as Spillway's docs ask of a captured table.
            sql.execute("ALTER TABLE public." + table + " REPLICA IDENTITY FULL");
        }
    }

    /** Writes one batch as one transaction: inserts, then updates, then deletes. */
    static void write(Connection connection, String table, Workload.Batch batch, long now) throws SQLException {
        if (!batch.inserts().isEmpty()) {
            insert(connection, table, batch.inserts());
        }
        if (!batch.updates().isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE public." + table
                    + " SET amount = ?, quantity = ?, active = NOT active, updated_at = ?, attributes = ?::jsonb,"
                    + " note = ?, version = version + 1 WHERE id = ?")) {
                for (long id : batch.updates()) {
                    SplittableRandom r = new SplittableRandom(id * 31 + now);
                    update.setBigDecimal(1, amount(r));
                    update.setInt(2, r.nextInt(1, 1000));
                    update.setObject(3, EPOCH.plusNanos(now * 1000 % 86_400_000_000_000L).plusSeconds(id % 86_400));
                    update.setString(4, attributes(r, id));
                    update.setString(5, note(r));
                    update.setLong(6, id);
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        if (!batch.deletes().isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM public." + table
                    + " WHERE id = ANY (?)")) {
                Array ids = connection.createArrayOf("bigint", batch.deletes().toArray());
                delete.setArray(1, ids);
                delete.executeUpdate();
            }
        }
        connection.commit();
    }

    static void insert(Connection connection, String table, List<Long> ids) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO public." + table
                + " (id, customer_id, name, email, amount, quantity, active, created_at, updated_at, attributes,"
                + " note, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 1)")) {
            for (long id : ids) {
                SplittableRandom r = new SplittableRandom(id);
                OffsetDateTime created = EPOCH.plusSeconds(id).plusNanos(r.nextInt(1_000_000) * 1000L);
                insert.setLong(1, id);
                insert.setLong(2, r.nextLong(1, 50_000));
                insert.setString(3, WORDS[r.nextInt(WORDS.length)] + " " + WORDS[r.nextInt(WORDS.length)] + " " + id);
                if (r.nextInt(10) == 0) {
                    insert.setNull(4, Types.VARCHAR);
                } else {
                    insert.setString(4, "customer" + id + "@example.com");
                }
                insert.setBigDecimal(5, amount(r));
                insert.setInt(6, r.nextInt(1, 1000));
                insert.setBoolean(7, r.nextBoolean());
                insert.setObject(8, created);
                insert.setObject(9, created);
                insert.setString(10, attributes(r, id));
                insert.setString(11, note(r));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static BigDecimal amount(SplittableRandom r) {
        return BigDecimal.valueOf(r.nextLong(0, 10_000_000), 2);
    }

    private static String attributes(SplittableRandom r, long id) {
        return "{\"tier\": \"" + TIERS[r.nextInt(TIERS.length)] + "\", \"score\": " + r.nextInt(0, 1000) / 10.0
                + ", \"tags\": [\"" + WORDS[r.nextInt(WORDS.length)] + "\", \"" + WORDS[r.nextInt(WORDS.length)]
                + "\"], \"ref\": " + id + "}";
    }

    private static String note(SplittableRandom r) {
        if (r.nextInt(5) == 0) {
            return null;
        }
        StringBuilder note = new StringBuilder();
        int words = r.nextInt(6, 16);
        for (int i = 0; i < words; i++) {
            note.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return note.toString();
    }
}
