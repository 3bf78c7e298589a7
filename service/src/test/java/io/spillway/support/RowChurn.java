package io.spillway.support;

import io.spillway.devstack.PostgresServer;
import io.spillway.devstack.SharedDevstack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A steady write load on a source table {@code (id integer PRIMARY KEY, n bigint, v text, changed_at
 * timestamptz)} in its own thread: small transactions that update random rows, delete some, bring deleted
 * keys back and insert new keys from {@code firstNewId} on, touching no existing key above
 * {@code maxTouchedId}.
 */
public final class RowChurn implements Runnable {
    private static final int CHANGES_PER_TRANSACTION = 26;
    private final String table;
    private final int maxTouchedId;
    private final Thread thread = new Thread(this, "row-churn");
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private int nextId;

    /** {@code table} is already quoted and qualified. */
    public RowChurn(String table, int maxTouchedId, int firstNewId) {
        this.table = table;
        this.maxTouchedId = maxTouchedId;
        this.nextId = firstNewId;
    }

    public void start() {
        thread.start();
    }

    /** Stops the load and waits for its last transaction; rethrows what made it fail, if anything. */
    public void stop() throws InterruptedException {
        stop.set(true);
        thread.join(30_000);
        if (failure.get() != null) {
            throw new AssertionError("the load failed", failure.get());
        }
    }

    public long transactions() {
        return transactions.get();
    }

    public long changes() {
        return transactions.get() * CHANGES_PER_TRANSACTION;
    }

    @Override
    public void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Integer> deleted = new ArrayList<>();
        try (Connection c = SharedDevstack.get().postgres().superuser(PostgresServer.SOURCE_DB);
                PreparedStatement update = c.prepareStatement("UPDATE " + table
                        + " SET n = n + 1, v = md5(random()::text), changed_at = now() WHERE id = ?");
                PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                        + " (id, n, v) VALUES (?, ?, md5(random()::text)) ON CONFLICT (id) DO NOTHING")) {
            c.setAutoCommit(false);
            while (!stop.get()) {
                for (int i = 0; i < 20; i++) {
                    update.setInt(1, 1 + random.nextInt(maxTouchedId));
                    update.addBatch();
                }
                for (int i = 0; i < 3; i++) {
                    int id = 1 + random.nextInt(maxTouchedId);
                    delete.setInt(1, id);
                    delete.addBatch();
                    deleted.add(id);
                }
                for (int i = 0; i < 2 && deleted.size() > 50; i++) { // a deleted key comes back
                    insert.setInt(1, deleted.remove(random.nextInt(deleted.size())));
                    insert.setLong(2, -1);
                    insert.addBatch();
                }
                insert.setInt(1, nextId++);
                insert.setLong(2, -2);
                insert.addBatch();
                update.executeBatch();
                delete.executeBatch();
                insert.executeBatch();
                c.commit();
                transactions.incrementAndGet();
                Thread.sleep(40); // pacing the load (a steady rate), not synchronising with anything
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }
}
