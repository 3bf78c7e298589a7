package io.spillway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.devstack.PostgresServer;
import io.spillway.redis.Redis;
import io.spillway.support.Api;
import io.spillway.support.StackIT;
import io.spillway.support.TargetRedis;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ConnectionIT extends StackIT {
    @Autowired
    ConnectionStore store;
    @Autowired
    Redis redis;

    private static String uniqueId(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String warehouse(String id, int port, String password) {
        return """
                {"connection_id":"%s","type":"postgres",
                 "jdbc_url":"jdbc:postgresql://localhost:%d/warehouse",
                 "username":"warehouse","password":"%s"}""".formatted(id, port, password);
    }

    private Api.Response create(String json) {
        return api().post("/connection/create", json);
    }

    @Test
    void createInfoListDeleteLifecycle() {
        String id = uniqueId("wh");
        Api.Response created = create(warehouse(id, stack.postgres().port(), PostgresServer.TARGET_PASSWORD));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).contains("\"type\":\"postgres\"", "\"connection_id\":\"" + id + "\"",
                "\"schema\":\"public\"", "\"password\":\"****\"");

        Api.Response info = api().get("/connection/info/" + id);
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.body()).contains("\"jdbc_url\":\"jdbc:postgresql://localhost:" + stack.postgres().port()
                + "/warehouse\"", "\"password\":\"****\"");

        assertThat(api().get("/connection/list").body()).contains("\"connection_id\":\"" + id + "\"");
        // Other features see the full definition, secrets included
        assertThat(store.find(id)).hasValueSatisfying(c ->
                assertThat(((PostgresConnection) c).password()).isEqualTo(PostgresServer.TARGET_PASSWORD));
        assertThat(store.typeOf(id)).contains("postgres");

        assertThat(api().delete("/connection/delete?connection_id=" + id).status()).isEqualTo(204);
        assertThat(api().get("/connection/info/" + id).status()).isEqualTo(404);
        assertThat(api().get("/connection/list").body()).doesNotContain("\"connection_id\":\"" + id + "\"");
        assertThat(store.typeOf(id)).isEmpty();
    }

    @Test
    void afterRedisLostItsDataConnectionsAreWrittenBackButADeletedOneStaysDeleted() {
        String kept = uniqueId("kept");
        String gone = uniqueId("gone");
        assertThat(create(warehouse(kept, stack.postgres().port(), PostgresServer.TARGET_PASSWORD)).status())
                .isEqualTo(201);
        assertThat(create(warehouse(gone, stack.postgres().port(), PostgresServer.TARGET_PASSWORD)).status())
                .isEqualTo(201);
        assertThat(api().delete("/connection/delete?connection_id=" + gone).status()).isEqualTo(204);

        redis.call(cmds -> cmds.flushall());
        assertThat(api().get("/connection/info/" + kept).status()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/connection/info/" + kept).status() == 200);
        assertThat(store.find(kept)).hasValueSatisfying(c ->
                assertThat(((PostgresConnection) c).password()).isEqualTo(PostgresServer.TARGET_PASSWORD));
        assertThat(api().get("/connection/info/" + gone).status()).isEqualTo(404);
        assertThat(api().delete("/connection/delete?connection_id=" + kept).status()).isEqualTo(204);
    }

    @Test
    void definitionsLiveInRedisUnderDocumentedKeys() {
        String id = uniqueId("keys");
        assertThat(create("{\"connection_id\":\"" + id + "\",\"type\":\"redis\",\"url\":\""
                + TargetRedis.get().url() + "\"}").status()).isEqualTo(201);
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(stack.redis().url());
        try (var redis = client.connect()) {
            assertThat(redis.sync().get("spillway:connection:" + id)).contains("\"type\":\"redis\"");
            assertThat(redis.sync().sismember("spillway:connections", id)).isTrue();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void duplicateIdIs409() {
        String id = uniqueId("dup");
        assertThat(create(warehouse(id, 5432, "x")).status()).isEqualTo(201);
        Api.Response again = create(warehouse(id, 5432, "y"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.body()).contains("already exists");
    }

    @Test
    void badFieldsAre400NamingEachField() {
        Api.Response response = create("""
                {"connection_id":"bad id!","type":"postgres","jdbc_url":"jdbc:mysql://h/db","username":""}""");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains("connection_id 'bad id!' is not valid", "jdbc_url must start with",
                "username is missing");

        assertThat(create("{\"connection_id\":\"h1\",\"type\":\"http\",\"url\":\"file:///etc/passwd\"}").body())
                .contains("url must be an absolute http");
        assertThat(create("{\"connection_id\":\"r1\",\"type\":\"redis\",\"url\":\"http://:pw-77@h\"}").body())
                .contains("url must be a Redis URI").doesNotContain("pw-77");
    }

    @Test
    void unknownIdsAre404AndInvalidIdsAre400() {
        String missing = uniqueId("missing");
        assertThat(api().get("/connection/info/" + missing).status()).isEqualTo(404);
        Api.Response delete = api().delete("/connection/delete?connection_id=" + missing);
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.body()).contains("does not exist");
        assertThat(api().post("/connection/test?connection_id=" + missing, null).status()).isEqualTo(404);

        assertThat(api().delete("/connection/delete?connection_id=a%3Ab").status()).isEqualTo(400);
        assertThat(api().delete("/connection/delete").status()).isEqualTo(400);
        assertThat(api().post("/connection/test", null).status()).isEqualTo(400);
    }

    @Test
    void postgresTestSucceedsAgainstTheWarehouse() {
        String id = uniqueId("pg-ok");
        create(warehouse(id, stack.postgres().port(), PostgresServer.TARGET_PASSWORD));
        Api.Response test = api().post("/connection/test?connection_id=" + id, null);
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.body()).contains("\"ok\":true", "schema \\\"public\\\" exists", "\"latency_ms\":");
    }

    @Test
    void postgresTestOnAWrongPortFailsWithAClearMessage() {
        String id = uniqueId("pg-port");
        create(warehouse(id, closedPort(), PostgresServer.TARGET_PASSWORD));
        Api.Response test = api().post("/connection/test?connection_id=" + id, null);
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.body()).contains("\"ok\":false", "could not connect to PostgreSQL", "refused");
    }

    @Test
    void postgresTestWithAWrongPasswordSaysSoWithoutShowingIt() {
        String id = uniqueId("pg-pass");
        String wrong = "wrong-" + UUID.randomUUID();
        create(warehouse(id, stack.postgres().port(), wrong));
        Api.Response test = api().post("/connection/test?connection_id=" + id, null);
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.body()).contains("\"ok\":false", "password authentication failed").doesNotContain(wrong);
    }

    @Test
    void postgresTestReportsAMissingSchema() {
        String id = uniqueId("pg-schema");
        create("""
                {"connection_id":"%s","type":"postgres","jdbc_url":"%s","username":"warehouse",
                 "password":"warehouse","schema":"no_such_schema"}"""
                .formatted(id, stack.postgres().jdbcUrl("warehouse")));
        Api.Response test = api().post("/connection/test?connection_id=" + id, null);
        assertThat(test.body()).contains("\"ok\":false", "no_such_schema", "does not exist");
    }

    @Test
    void redisTestPingsAndAWrongPortFails() {
        String ok = uniqueId("redis-ok");
        create("{\"connection_id\":\"" + ok + "\",\"type\":\"redis\",\"url\":\"" + TargetRedis.get().url() + "\"}");
        Api.Response good = api().post("/connection/test?connection_id=" + ok, null);
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.body()).contains("\"ok\":true", "PONG");

        String bad = uniqueId("redis-bad");
        int closed = closedPort();
        create("{\"connection_id\":\"" + bad + "\",\"type\":\"redis\",\"url\":\"redis://localhost:" + closed
                + "\"}");
        Api.Response failed = api().post("/connection/test?connection_id=" + bad, null);
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.body()).contains("\"ok\":false", "Redis at localhost:" + closed);
    }

    @Test
    void httpTestReportsTheStatusAndUnreachableEndpoints() {
        String reachable = uniqueId("http-ok");
        // The service itself: POST / is not allowed, which still proves the endpoint answers.
        create("{\"connection_id\":\"" + reachable + "\",\"type\":\"http\",\"url\":\"http://localhost:" + port
                + "/\",\"timeout_ms\":5000}");
        Api.Response ok = api().post("/connection/test?connection_id=" + reachable, null);
        assertThat(ok.body()).contains("\"ok\":true", "answered HTTP 405");

        String get = uniqueId("http-get");
        create("{\"connection_id\":\"" + get + "\",\"type\":\"http\",\"method\":\"get\",\"url\":\"http://localhost:"
                + port + "/health/redis\"}");
        assertThat(api().post("/connection/test?connection_id=" + get, null).body())
                .contains("\"ok\":true", "GET http://localhost:" + port + "/health/redis answered HTTP 200");

        String down = uniqueId("http-down");
        create("{\"connection_id\":\"" + down + "\",\"type\":\"http\",\"url\":\"http://localhost:" + closedPort()
                + "/hook\"}");
        assertThat(api().post("/connection/test?connection_id=" + down, null).body())
                .contains("\"ok\":false", "could not connect");
    }

    @Test
    void noResponseEverContainsASecretThatWasSent() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String pgPassword = "pgpw-" + suffix;
        String queryPassword = "qpw-" + suffix;
        String bearer = "bearer-" + suffix;
        String apiKey = "apikey-" + suffix;
        String redisPassword = "rpw-" + suffix;
        String pg = "sec-pg-" + suffix;
        String http = "sec-http-" + suffix;
        String redis = "sec-redis-" + suffix;

        StringBuilder seen = new StringBuilder();
        seen.append(create("""
                {"connection_id":"%s","type":"postgres","jdbc_url":"%s?password=%s",
                 "username":"warehouse","password":"%s"}"""
                .formatted(pg, stack.postgres().jdbcUrl("warehouse"), queryPassword, pgPassword)).body());
        seen.append(create("""
                {"connection_id":"%s","type":"http","url":"http://localhost:%d/?token=%s",
                 "headers":{"Authorization":"Bearer %s","X-API-Key":"%s","Accept":"application/json"}}"""
                .formatted(http, port, queryPassword, bearer, apiKey)).body());
        seen.append(create("{\"connection_id\":\"" + redis + "\",\"type\":\"redis\",\"url\":\"redis://:"
                + redisPassword + "@localhost:" + TargetRedis.get().port() + "\"}").body());
        for (String id : new String[] {pg, http, redis}) {
            seen.append(api().get("/connection/info/" + id).body());
            // The tests fail (wrong password, Redis without AUTH): their messages must not echo the secrets
            seen.append(api().post("/connection/test?connection_id=" + id, null).body());
        }
        seen.append(api().get("/connection/list").body());
        // A duplicate create must not echo the body back either
        seen.append(create("""
                {"connection_id":"%s","type":"postgres","jdbc_url":"%s","username":"warehouse","password":"%s"}"""
                .formatted(pg, stack.postgres().jdbcUrl("warehouse"), pgPassword)).body());

        assertThat(seen.toString())
                .contains("\"connection_id\":\"" + pg + "\"", "\"Accept\":\"application/json\"")
                .doesNotContain(pgPassword, queryPassword, bearer, apiKey, redisPassword);
    }

    /** A port nothing listens on: bound and released at once. */
    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
