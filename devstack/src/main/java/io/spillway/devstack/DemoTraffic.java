package io.spillway.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./spillway up --demo}: a Debezium connector on person12 (the seed's configuration) and a slow,
 * steady stream of inserts and updates, so a newcomer sees changes flow.
 */
final class DemoTraffic implements AutoCloseable {
    private static final String[] NAMES = {"Ada", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Alan"};

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-traffic");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong changes = new AtomicLong();
    private final String jdbcUrl;

    private DemoTraffic(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** The README's quickstart through Spillway's own API, then a slow, steady stream of changes. */
    static DemoTraffic start(Devstack stack, DevstackSettings settings) {
        DemoPipeline.register(stack, "http://localhost:" + settings.apiPort());
        DevstackMain.say("demo: connector '" + DemoPipeline.CONNECTOR + "' captures public.person12; consumer '"
                + DemoPipeline.CONSUMER + "' syncs it into warehouse.public.person12 every 10 changes or 30 s");
        DemoTraffic demo = new DemoTraffic(stack.postgres().jdbcUrl(PostgresServer.SOURCE_DB));
        demo.scheduler.scheduleWithFixedDelay(demo::oneChange, 1, 2, TimeUnit.SECONDS);
        DevstackMain.say("demo: a row of person12 changes every 2 s");
        return demo;
    }

    /** Two inserts for every update, so the table grows slowly while rows also change. */
    private void oneChange() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.SOURCE_USER,
                PostgresServer.SOURCE_PASSWORD)) {
            long n = changes.incrementAndGet();
            if (n % 3 == 0) {
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE person12 SET age = age + 1 WHERE id = (SELECT id FROM person12 ORDER BY random() LIMIT 1)")) {
                    update.executeUpdate();
                }
            } else {
                String name = NAMES[random.nextInt(NAMES.length)];
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO person12 (name, email, age) VALUES (?, ?, ?)")) {
                    insert.setString(1, name);
                    insert.setString(2, name.toLowerCase() + n + "@example.com");
                    insert.setInt(3, 20 + random.nextInt(50));
                    insert.executeUpdate();
                }
            }
            if (n % 30 == 0) {
                DevstackMain.say("demo: " + n + " changes written to person12");
            }
        } catch (SQLException e) {
            System.err.println("spillway: demo change failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
