package io.spillway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.spillway.consumer.ConsumerKeys;
import io.spillway.consumer.ConsumerStackIT;
import io.spillway.devstack.RedisSecurity;
import io.spillway.devstack.RedisServer;
import io.spillway.support.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a Redis whose open default user is off, as an ACL user that may run only the commands in
 * {@link RedisSecurity#SPILLWAY_ACL} on keys under {@code spillway:}: a sync pipeline runs end to end, Redis
 * refused nothing the service asked, and the password is in no response and no log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisAclIT extends ConsumerStackIT {
    private static final String PASSWORD = "acl-pw-7d41c9e2";
    private static final RedisServer secured = stack.startExtraRedis("redis-acl",
            new RedisSecurity("spillway", PASSWORD, "admin-pw-0b6f", null));

    @DynamicPropertySource
    static void securedRedis(DynamicPropertyRegistry registry) {
        registry.add("spillway.it.redis-url", secured::url);
    }

    @Autowired
    Redis redis;

    @Test
    void aSyncPipelineRunsAsAnAclUserThatMayTouchOnlySpillwaysKeys(CapturedOutput output) throws Exception {
        assertThat(redis.location()).as("the context uses the secured Redis").contains(":" + secured.port() + "/");
        Source source = captureNewTable("acl", 1);
        String id = "acl-" + suffix();
        Api api = api();
        try {
            givenConnection("conn-" + id);
            Api.Response started = api.post("/consumer/start",
                    consumerJson(id, source.topic(), "pipeline " + id, "conn-" + id, 10, 3600, "sync"));
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            insertRows(source.table(), 25);

            await("two windows of 10 loaded").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetRows(source.table()) == 20);
            await("both runs recorded").atMost(Duration.ofSeconds(20)).until(() -> runs(api, id).size() == 2);
            assertThat(runs(api, id)).allSatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("SUCCEEDED"));
            Map<String, String> pipeline = asAdmin(c -> c.hgetall(ConsumerKeys.pipeline("pipeline " + id)));
            assertThat(pipeline).containsEntry("events_total", "25").containsEntry("window_count", "5")
                    .containsEntry("windows_closed_total", "2");

            List<String> responses = new ArrayList<>();
            for (String path : List.of("/health", "/consumer/info/" + id, "/redis/status/" + id, "/consumer/list",
                    "/redis/consumers", "/consumer/runs/" + id, "/actuator/health/readiness")) {
                Api.Response response = api.get(path);
                assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
                responses.add(response.body());
            }
            assertThat(responses.get(0)).contains("\"redis\"").contains(":" + secured.port());
            assertThat(String.join("\n", responses)).doesNotContain(PASSWORD);
        } finally {
            stopQuietly(api, id);
            release(source);
        }
        assertThat(refusedCommands()).as("commands Redis refused the service (ACL LOG)").isEmpty();
        assertThat(output.getAll()).as("the service logged").contains("Started").doesNotContain(PASSWORD);

        // The ACL is real: the same user may not read other keys, list keys or flush.
        asService(c -> {
            assertThatThrownBy(() -> c.get("other:key")).isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> c.keys("*")).hasMessageContaining("NOPERM");
            assertThatThrownBy(c::flushall).hasMessageContaining("NOPERM");
            return null;
        });
    }

    /** What the ACL log holds (the object refused: a command or key), but CLIENT: Lettuce's optional SETINFO. */
    private static List<String> refusedCommands() {
        return asAdmin(c -> c.aclLog()).stream().map(entry -> String.valueOf(entry.get("object")))
                .filter(object -> !object.equals("client")).toList();
    }

    private static <T> T asAdmin(Function<RedisCommands<String, String>, T> call) {
        return on(secured.adminUrl(), call);
    }

    private static <T> T asService(Function<RedisCommands<String, String>, T> call) {
        return on(secured.url(), call);
    }

    private static <T> T on(String url, Function<RedisCommands<String, String>, T> call) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return call.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
