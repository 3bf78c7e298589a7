package io.spillway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.spillway.consumer.ConsumerKeys;
import io.spillway.consumer.ConsumerStackIT;
import io.spillway.devstack.RedisCluster;
import io.spillway.devstack.RedisSecurity;
import io.spillway.devstack.RedisServer;
import io.spillway.support.Api;
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
 * The service on a three-master Redis Cluster the test starts, as an ACL user limited to spillway:* keys
 * (plus reading the topology): a sync pipeline runs end to end (rows in the target, runs recorded, window
 * counts right), its keys share one slot, no node refused a command, and the keys of the layout before
 * the hash tag are moved to the new names on the pipeline's first count.
 */
class RedisClusterIT extends ConsumerStackIT {
    private static final String PASSWORD = "cluster-pw-4e20a1";
    private static final RedisCluster cluster = stack.startRedisCluster("redis-cluster",
            new RedisSecurity("spillway", PASSWORD, "admin-pw-c0de", null));

    @DynamicPropertySource
    static void clusterRedis(DynamicPropertyRegistry registry) {
        registry.add("spillway.it.redis-url", cluster::url);
        registry.add("spillway.redis.cluster", () -> "true");
    }

    @Autowired
    Redis redis;

    @Test
    void aSyncPipelineRunsOnAThreeMasterCluster() throws Exception {
        assertThat(redis.location()).contains("(cluster)");
        Source source = captureNewTable("cluster", 1);
        String id = "cluster-" + suffix();
        String pipeline = "pipeline " + id;
        Api api = api();
        try {
            // State left by the layout before the hash tag: counters of an earlier run of this pipeline.
            onCluster(c -> c.hset(ConsumerKeys.legacyPipeline(pipeline),
                    Map.of("events_total", "100", "windows_closed_total", "7", "window_seq", "7")));
            onCluster(c -> c.hset(ConsumerKeys.legacyClosedWindows(pipeline), "7", "1-7 count"));
            assertThat(SlotHash.getSlot(ConsumerKeys.pipeline(pipeline)))
                    .isEqualTo(SlotHash.getSlot(ConsumerKeys.closedWindows(pipeline)));

            givenConnection("conn-" + id);
            Api.Response started = api.post("/consumer/start",
                    consumerJson(id, source.topic(), pipeline, "conn-" + id, 10, 3600, "sync"));
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            insertRows(source.table(), 25);

            await("two windows of 10 loaded").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetRows(source.table()) == 20);
            await("both runs recorded").atMost(Duration.ofSeconds(20)).until(() -> runs(api, id).size() == 2);
            assertThat(runs(api, id)).allSatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("SUCCEEDED"));
            Map<String, String> state = onCluster(c -> c.hgetall(ConsumerKeys.pipeline(pipeline)));
            assertThat(state).containsEntry("events_total", "125").containsEntry("window_count", "5")
                    .containsEntry("windows_closed_total", "9");
            Map<String, String> closed = onCluster(c -> c.hgetall(ConsumerKeys.closedWindows(pipeline)));
            assertThat(closed).containsEntry("7", "1-7 count").hasSize(3);
            long oldKeys = onCluster(c -> c.exists(ConsumerKeys.legacyPipeline(pipeline),
                    ConsumerKeys.legacyClosedWindows(pipeline)));
            assertThat(oldKeys).as("the old keys are gone").isZero();

            JsonNode count = body(api.get("/redis/count/" + id));
            assertThat(count.get("count").asInt()).isEqualTo(5);
            JsonNode health = body(api.get("/health"));
            assertThat(health.get("services").get("redis").get("status").asString()).as(health.toString())
                    .isEqualTo("UP");
            assertThat(api.get("/connection/list").body()).contains("conn-" + id);
            assertThat(health.toString()).doesNotContain(PASSWORD);
        } finally {
            stopQuietly(api, id);
            release(source);
        }
        for (RedisServer node : cluster.nodes()) {
            assertThat(refused(node)).as("commands node " + node.port() + " refused (ACL LOG)").isEmpty();
        }
    }

    /** What a node's ACL log holds but CLIENT (Lettuce's optional SETINFO). */
    private static List<String> refused(RedisServer node) {
        RedisClient client = RedisClient.create(node.adminUrl());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().aclLog().stream().map(entry -> String.valueOf(entry.get("object")))
                    .filter(object -> !object.equals("client")).toList();
        } finally {
            client.shutdown();
        }
    }

    private static <T> T onCluster(Function<RedisAdvancedClusterCommands<String, String>, T> call) {
        RedisClusterClient client = RedisClusterClient.create(cluster.adminUrl());
        try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
            return call.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
