package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.spillway.devstack.PostgresServer;
import io.spillway.support.Api;
import io.spillway.support.TcpProxy;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A target that stops answering (a frozen PostgreSQL, a webhook that accepts and never answers) shows as
 * PAUSED_BACKPRESSURE with the timeout within 60 s, and the consumer resumes by itself once it is back.
 */
class FrozenTargetIT extends ConsumerStackIT {
    private static final Duration SHOWS_WITHIN = Duration.ofSeconds(60);

    private static Set<Long> ids(String query) throws SQLException {
        return ids(stack.postgres().superuser("mydatabase"), query);
    }

    private static Set<Long> targetIds(String table) throws SQLException {
        try {
            return ids(DriverManager.getConnection(stack.postgres().jdbcUrl(PostgresServer.TARGET_DB),
                    PostgresServer.TARGET_USER, PostgresServer.TARGET_PASSWORD), "SELECT id FROM public." + table);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return Set.of();
            }
            throw e;
        }
    }

    private static Set<Long> ids(Connection connection, String query) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        try (Connection c = connection; Statement sql = c.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static void insertQuietly(String table) {
        try (Connection c = stack.postgres().superuser("mydatabase"); Statement sql = c.createStatement()) {
            sql.execute("INSERT INTO public." + table + " (name, n) VALUES ('streamed', 1)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void start(Api api, String id, String topic, String connection, String jobType) {
        Api.Response started = api.post("/consumer/start",
                consumerJson(id, topic, "pipeline " + id, connection, 2, 1, jobType));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
    }

    private Duration awaitPaused(Api api, String id, Instant since) {
        await("PAUSED_BACKPRESSURE").atMost(SHOWS_WITHIN.plusSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> info(api, id).get("state").asString().equals("PAUSED_BACKPRESSURE"));
        return Duration.between(since, Instant.now());
    }

    @Test
    void aFrozenPostgresTargetPausesTheConsumerWithTheTimeoutAndItResumesWhenThawed() throws Exception {
        Source source = captureNewTable("frozen", 1);
        String id = "frozen-" + suffix();
        Api api = api();
        try (TcpProxy proxy = new TcpProxy("localhost", stack.postgres().port())) {
            Api.Response created = api.post("/connection/create", """
                    {"connection_id": "conn-%s", "type": "postgres", "jdbc_url": "jdbc:postgresql://127.0.0.1:%d/warehouse",
                     "username": "warehouse", "password": "warehouse"}""".formatted(id, proxy.port()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            start(api, id, source.topic(), "conn-" + id, "sync");
            // A steady write load, so the freeze hits the target mid-stream (a job in flight or about to be).
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
            try {
                writer.scheduleAtFixedRate(() -> insertQuietly(source.table()), 0, 50, TimeUnit.MILLISECONDS);
                await("rows streaming through the proxy").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(300)).until(() -> targetIds(source.table()).size() >= 20);

                proxy.freeze();
                Instant frozenAt = Instant.now();
                Duration shown = awaitPaused(api, id, frozenAt); // the source keeps working meanwhile
                assertThat(shown).isLessThan(SHOWS_WITHIN);
                JsonNode info = info(api, id);
                assertThat(info.get("state_reason").asString()).containsIgnoringCase("timed out").contains("transient");
            } finally {
                writer.shutdownNow();
                writer.awaitTermination(30, TimeUnit.SECONDS);
            }
            assertThat(ids("SELECT id FROM public." + source.table())).hasSizeGreaterThan(targetIds(source.table()).size());

            proxy.thaw();
            Set<Long> sourceIds = ids("SELECT id FROM public." + source.table());
            await("resumed by itself, target == source").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> targetIds(source.table()).equals(sourceIds)
                            && info(api, id).get("state").asString().equals("RUNNING"));
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }

    @Test
    void aWebhookThatNeverAnswersPausesTheConsumerAndAnAnswerResumesIt() throws Exception {
        CountDownLatch answering = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                if (!answering.await(10, TimeUnit.MINUTES)) { // accepted, read, never answered until released
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            answered.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        Source source = captureNewTable("silent", 1);
        String id = "silent-" + suffix();
        Api api = api();
        try {
            Api.Response created = api.post("/connection/create", """
                    {"connection_id": "conn-%s", "type": "http", "url": "http://127.0.0.1:%d/hook"}"""
                    .formatted(id, server.getAddress().getPort()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            start(api, id, source.topic(), "conn-" + id, "trigger");
            Instant since = Instant.now();
            insertRows(source.table(), 5);

            Duration shown = awaitPaused(api, id, since);
            assertThat(shown).isLessThan(SHOWS_WITHIN);
            assertThat(info(api, id).get("state_reason").asString()).contains("did not answer").contains("transient");

            answering.countDown();
            await("resumed by itself").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                    .until(() -> info(api, id).get("state").asString().equals("RUNNING")
                            && info(api, id).get("windows_run").asLong() >= 1);
            assertThat(info(api, id).get("isolation_dead_lettered").asLong()).isZero();
        } finally {
            stopQuietly(api, id);
            release(source);
            server.stop(0);
            handlers.shutdownNow();
        }
    }
}
