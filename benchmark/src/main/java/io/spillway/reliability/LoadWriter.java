package io.spillway.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A steady write load on the seed's table {@code public.person12}: every 100 ms one transaction of
 * rate/10 changes, 60% inserts, 30% updates, 10% deletes of live rows. The source is never faulted, so
 * a failed write stops the run (see {@link #failure()}).
 */
final class LoadWriter implements AutoCloseable {
    private static final long TICK_MS = 100;

    private final ReliabilityStack stack;
    private final Random random;
    private final int perTick;
    private final ChangeLedger ledger = new ChangeLedger();
    private final List<Long> live = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;
    private long seq;

    LoadWriter(ReliabilityStack stack, long seed, int rate) {
        this.stack = stack;
        this.random = new Random(seed);
        this.perTick = Math.max(1, rate / 10);
        this.thread = new Thread(this::run, "reliability-load");
    }

    void start() {
        thread.start();
    }

    ChangeLedger ledger() {
        return ledger;
    }

    Exception failure() {
        return failure;
    }

    private void run() {
        try (Connection c = stack.source()) {
            c.setAutoCommit(false);
            long next = System.currentTimeMillis();
            while (running) {
                writeTransaction(c, perTick);
                next += TICK_MS;
                long wait = next - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait); // pacing of the load, not synchronisation
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    private void writeTransaction(Connection c, int changes) throws SQLException {
        long firstSeq = seq;
        int inserted = 0;
        int updated = 0;
        List<Long> insertedIds = new ArrayList<>();
        Set<Long> deleted = new HashSet<>();
        try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO public.person12 (name, email, age) VALUES (?, ?, ?) RETURNING id");
                PreparedStatement update = c.prepareStatement(
                        "UPDATE public.person12 SET name = ?, email = ?, age = ? WHERE id = ?");
                PreparedStatement delete = c.prepareStatement("DELETE FROM public.person12 WHERE id = ?")) {
            for (int i = 0; i < changes; i++) {
                int roll = random.nextInt(100);
                if (live.size() < 100 || roll < 60) {
                    bind(insert, ++seq);
                    try (ResultSet rs = insert.executeQuery()) {
                        rs.next();
                        insertedIds.add(rs.getLong(1));
                    }
                    inserted++;
                } else if (roll < 90) {
                    long id = live.get(random.nextInt(live.size()));
                    bind(update, ++seq);
                    update.setLong(4, id);
                    update.executeUpdate();
                    updated++;
                } else {
                    long id = live.remove(random.nextInt(live.size()));
                    delete.setLong(1, id);
                    delete.executeUpdate();
                    deleted.add(id);
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            seq = firstSeq;
            throw e;
        }
        live.addAll(insertedIds);
        ledger.committed(seq, inserted, updated, deleted);
    }

    private void bind(PreparedStatement statement, long n) throws SQLException {
        statement.setString(1, "person " + n);
        // Some NULL emails: a NULL must arrive as NULL, not as an empty string.
        statement.setString(2, random.nextInt(10) == 0 ? null : "p" + n + "@example.com");
        statement.setInt(3, 18 + random.nextInt(70));
    }

    /** Stops the load, then writes one last insert: once it is loaded, every earlier change is too. */
    long stopWithMarker() throws Exception {
        close();
        if (failure != null) {
            throw failure;
        }
        try (Connection c = stack.source()) {
            c.setAutoCommit(false);
            live.clear(); // an insert only, whatever the roll
            writeTransaction(c, 1);
        }
        return ledger.lastSeq();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
