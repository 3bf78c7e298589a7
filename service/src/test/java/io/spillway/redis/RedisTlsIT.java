package io.spillway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.spillway.api.UpstreamUnavailableException;
import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.ConsumerKeys;
import io.spillway.consumer.ConsumerStackIT;
import io.spillway.devstack.RedisSecurity;
import io.spillway.devstack.RedisServer;
import io.spillway.devstack.SelfSignedCertificate;
import io.spillway.support.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * rediss://: the service's own Redis and a Redis target, both behind TLS with a certificate made at test
 * time (and an ACL user), trusted through spillway.redis.ca-file and target-ca-file; a server whose
 * certificate is not trusted is refused with a message that says which setting to use.
 */
class RedisTlsIT extends ConsumerStackIT {
    private static final Path TLS_DIR = stack.settings().dataDir().resolve("tls");
    private static final SelfSignedCertificate trusted = SelfSignedCertificate.create(TLS_DIR, "redis-tls");
    private static final String PASSWORD = "tls-pw-93be0f";
    private static final RedisServer secured = stack.startExtraRedis("redis-tls",
            new RedisSecurity("spillway", PASSWORD, "admin-pw-5c1d", trusted));

    @DynamicPropertySource
    static void tlsRedis(DynamicPropertyRegistry registry) {
        registry.add("spillway.it.redis-url", secured::url);
        registry.add("spillway.redis.ca-file", () -> trusted.certPem().toString());
        registry.add("spillway.redis.target-ca-file", () -> trusted.certPem().toString());
        // The Redis target here is the service's own (TLS) Redis: named in the allow list, as an operator would.
        registry.add("spillway.egress.allow", () -> "localhost:" + secured.port());
    }

    @Autowired
    Redis redis;

    @Test
    void theServiceAndARedisTargetWorkOverTlsWithTheirCaTrusted() throws Exception {
        assertThat(secured.url()).startsWith("rediss://");
        assertThat(redis.location()).as("the context uses the TLS Redis").contains(":" + secured.port() + "/");
        Api api = api();
        JsonNode health = body(api.get("/health"));
        assertThat(health.toString()).contains("\"redis\"");
        assertThat(health.get("services").get("redis").get("status").asString()).as(health.toString()).isEqualTo("UP");

        Source source = captureNewTable("tls", 1);
        String id = "tls-" + suffix();
        String prefix = "spillway:cache:" + id + ":";
        try {
            Api.Response created = api.post("/connection/create", """
                    {"connection_id": "cache-%s", "type": "redis", "url": "%s", "key_prefix": "%s"}"""
                    .formatted(id, secured.adminUrl(), prefix));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode tested = body(api.post("/connection/test?connection_id=cache-" + id, null));
            assertThat(tested.get("ok").asBoolean()).as(tested.toString()).isTrue();

            Api.Response started = api.post("/consumer/start",
                    consumerJson(id, source.topic(), "pipeline " + id, "cache-" + id, 5, 3600, "sync"));
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            List<Long> ids = insertRows(source.table(), 12);

            String rowKey = prefix + "public." + source.table() + ":";
            await("two windows of 5 in the TLS target").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> adminCall(c -> c.exists(ids.subList(0, 10).stream().map(i -> rowKey + i)
                            .toArray(String[]::new))) == 10);
            Map<String, String> row = adminCall(c -> c.hgetall(rowKey + ids.get(0)));
            assertThat(row).containsEntry("name", "row 0");
            await("both runs recorded").atMost(Duration.ofSeconds(20))
                    .until(() -> body(api.get("/consumer/runs/" + id)).get("runs").size() == 2);
            Map<String, String> pipeline = adminCall(c -> c.hgetall(ConsumerKeys.pipeline("pipeline " + id)));
            assertThat(pipeline).containsEntry("events_total", "12").containsEntry("window_count", "2");
        } finally {
            stopQuietly(api, id);
            api.delete("/connection/delete?connection_id=cache-" + id);
            release(source);
        }
    }

    @Test
    void aServerWhoseCertificateIsNotTrustedIsRefusedWithWhatToDo() {
        // The service's own Redis, the CA not given: the JVM's trust store does not know it.
        SpillwayProperties untrusting = new SpillwayProperties("localhost:1", "http://localhost:1/connectors",
                secured.url(), null, 0, null, null, null, null, null, null);
        AbstractRedisClient client = new RedisConfig().redisClient(untrusting);
        Redis untrusted = new Redis(client, untrusting);
        try {
            assertThatThrownBy(() -> untrusted.call(c -> c.ping()))
                    .isInstanceOf(UpstreamUnavailableException.class)
                    .hasMessageContaining("localhost:" + secured.port())
                    .hasMessageContaining("TLS handshake failed")
                    .hasMessageContaining("spillway.redis.ca-file")
                    .hasMessageNotContaining(PASSWORD);
        } finally {
            untrusted.close();
            client.shutdown();
        }

        // A target whose certificate another key signed: the test through the API says the same.
        SelfSignedCertificate other = SelfSignedCertificate.create(TLS_DIR, "redis-tls-other");
        RedisServer stranger = stack.startExtraRedis("redis-tls-other",
                new RedisSecurity("spillway", PASSWORD, "admin-pw-77aa", other));
        String id = "stranger-" + suffix();
        Api api = api();
        try {
            assertThat(api.post("/connection/create", """
                    {"connection_id": "%s", "type": "redis", "url": "%s"}""".formatted(id, stranger.url()))
                    .status()).isEqualTo(201);
            Api.Response response = api.post("/connection/test?connection_id=" + id, null);
            JsonNode tested = body(response);
            assertThat(tested.get("ok").asBoolean()).isFalse();
            assertThat(tested.get("message").asString()).contains("TLS handshake failed")
                    .contains("spillway.redis.target-ca-file");
            assertThat(response.body()).doesNotContain(PASSWORD);
        } finally {
            api.delete("/connection/delete?connection_id=" + id);
            stranger.close();
        }
    }

    private static <T> T adminCall(Function<RedisCommands<String, String>, T> call) {
        RedisClient client = RedisClient.create(secured.adminUrl());
        client.setOptions(ClientOptions.builder()
                .sslOptions(RedisTls.options(trusted.certPem().toString(), "test")).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return call.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
