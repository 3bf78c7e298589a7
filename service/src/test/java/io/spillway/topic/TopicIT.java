package io.spillway.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.support.Api;
import io.spillway.support.StackIT;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The seed's topic endpoints against the real broker. */
class TopicIT extends StackIT {
    private static final JsonMapper json = JsonMapper.builder().build();
    private final List<String> created = new ArrayList<>();

    private String uniqueTopic() {
        String topic = "topic-it-" + UUID.randomUUID().toString().substring(0, 8);
        created.add(topic);
        return topic;
    }

    @AfterEach
    void deleteTopics() {
        created.forEach(topic -> api().delete("/topic/delete?topic_name=" + topic));
    }

    private static JsonNode body(Api.Response response) {
        return json.readTree(response.body());
    }

    private static String create(String topic, int partitions, int replication, long retentionMs, long retentionBytes) {
        return """
                {"topic_name": "%s", "num_partitions": %d, "replication_factor": %d,
                 "retention_ms": %d, "retention_bytes": %d}""".formatted(topic, partitions, replication,
                retentionMs, retentionBytes);
    }

    @Test
    void theSeedExampleCreatesListsDescribesUpdatesAndDeletesATopic() {
        String topic = uniqueTopic();
        Api.Response createdTopic = api().post("/topic/create", create(topic, 3, 1, 604800000, 1073741824));
        assertThat(createdTopic.status()).as(createdTopic.body()).isEqualTo(201);
        assertThat(body(createdTopic).path("num_partitions").asInt()).isEqualTo(3);

        Api.Response list = api().get("/topic/list");
        assertThat(list.status()).isEqualTo(200);
        assertThat(body(list).valueStream().map(JsonNode::asString).toList()).contains(topic);

        Api.Response config = api().get("/topic/config?topic_name=" + topic);
        assertThat(config.status()).isEqualTo(200);
        JsonNode details = body(config);
        assertThat(details.path("topic_name").asString()).isEqualTo(topic);
        assertThat(details.path("num_partitions").asInt()).isEqualTo(3);
        assertThat(details.path("replication_factor").asInt()).isEqualTo(1);
        assertThat(details.path("config").path("retention.ms").asString()).isEqualTo("604800000");
        assertThat(details.path("config").path("retention.bytes").asString()).isEqualTo("1073741824");

        Api.Response updated = api().patch("/topic/update",
                "{\"topic_name\": \"" + topic + "\", \"retention_ms\": 259200000, \"retention_bytes\": 536870912}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        JsonNode after = body(api().get("/topic/config?topic_name=" + topic)).path("config");
        assertThat(after.path("retention.ms").asString()).isEqualTo("259200000");
        assertThat(after.path("retention.bytes").asString()).isEqualTo("536870912");

        assertThat(api().delete("/topic/delete?topic_name=" + topic).status()).isEqualTo(204);
        assertThat(api().get("/topic/config?topic_name=" + topic).status()).isEqualTo(404);
        assertThat(api().delete("/topic/delete?topic_name=" + topic).status()).isEqualTo(404);
    }

    @Test
    void zeroMeansTheBrokerDefaultAndMinusOneMeansUnlimited() {
        String topic = uniqueTopic();
        assertThat(api().post("/topic/create", create(topic, 1, 1, 0, 0)).status()).isEqualTo(201);
        JsonNode details = body(api().get("/topic/config?topic_name=" + topic));
        assertThat(details.path("overrides").valueStream().map(JsonNode::asString).toList())
                .doesNotContain("retention.ms", "retention.bytes");
        String brokerDefaultMs = details.path("config").path("retention.ms").asString();

        api().patch("/topic/update", "{\"topic_name\": \"" + topic + "\", \"retention_ms\": -1, \"retention_bytes\": 1000000}");
        JsonNode unlimited = body(api().get("/topic/config?topic_name=" + topic));
        assertThat(unlimited.path("config").path("retention.ms").asString()).isEqualTo("-1");
        assertThat(unlimited.path("overrides").valueStream().map(JsonNode::asString).toList()).contains("retention.ms");

        // 0 removes the override; a field left out stays as it is.
        Api.Response reset = api().patch("/topic/update", "{\"topic_name\": \"" + topic + "\", \"retention_ms\": 0}");
        assertThat(reset.status()).isEqualTo(200);
        JsonNode back = body(reset);
        assertThat(back.path("config").path("retention.ms").asString()).isEqualTo(brokerDefaultMs);
        assertThat(back.path("overrides").valueStream().map(JsonNode::asString).toList())
                .doesNotContain("retention.ms").contains("retention.bytes");
        assertThat(back.path("config").path("retention.bytes").asString()).isEqualTo("1000000");
    }

    @Test
    void anExistingTopicIs409() {
        String topic = uniqueTopic();
        assertThat(api().post("/topic/create", create(topic, 1, 1, 0, 0)).status()).isEqualTo(201);
        Api.Response again = api().post("/topic/create", create(topic, 1, 1, 0, 0));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(json.readTree(again.body()).path("detail").asString()).contains(topic);
    }

    @Test
    void invalidSettingsAre400WithTheReason() {
        String topic = uniqueTopic();
        assertDetail(api().post("/topic/create", create("bad/name", 1, 1, 0, 0)), 400, "topic_name");
        assertDetail(api().post("/topic/create", create("..", 1, 1, 0, 0)), 400, "topic_name");
        assertDetail(api().post("/topic/create", create("t".repeat(250), 1, 1, 0, 0)), 400, "249");
        assertDetail(api().post("/topic/create", create(topic, 0, 1, 0, 0)), 400, "num_partitions");
        assertDetail(api().post("/topic/create", create(topic, 1, 0, 0, 0)), 400, "replication_factor");
        assertDetail(api().post("/topic/create", create(topic, 1, 5, 0, 0)), 400, "broker");
        assertDetail(api().post("/topic/create", create(topic, 1, 1, -5, 0)), 400, "retention_ms");
        assertDetail(api().post("/topic/create", create(topic, 1, 1, 0, -2)), 400, "retention_bytes");
        assertThat(api().get("/topic/config?topic_name=" + topic).status()).isEqualTo(404);
        assertDetail(api().get("/topic/config?topic_name=a%2Fb"), 400, "topic_name");
        assertDetail(api().delete("/topic/delete?topic_name=.."), 400, "topic_name");

        assertThat(api().post("/topic/create", create(topic, 1, 1, 0, 0)).status()).isEqualTo(201);
        assertDetail(api().patch("/topic/update", "{\"topic_name\": \"" + topic + "\"}"), 400, "nothing to update");
        assertDetail(api().patch("/topic/update", "{\"topic_name\": \"" + topic + "\", \"retention_ms\": -7}"),
                400, "retention_ms");
    }

    @Test
    void missingRequiredFieldsAre422() {
        assertDetail(api().post("/topic/create", "{\"num_partitions\": 1, \"replication_factor\": 1}"), 422,
                "topic_name");
        assertDetail(api().post("/topic/create", "{\"topic_name\": \"x\", \"replication_factor\": 1}"), 422,
                "num_partitions");
        assertDetail(api().patch("/topic/update", "{\"retention_ms\": 1000}"), 422, "topic_name");
    }

    @Test
    void unknownTopicsAre404() {
        String topic = "absent-" + UUID.randomUUID();
        assertDetail(api().get("/topic/config?topic_name=" + topic), 404, topic);
        assertDetail(api().patch("/topic/update", "{\"topic_name\": \"" + topic + "\", \"retention_ms\": 1000}"),
                404, topic);
        assertDetail(api().delete("/topic/delete?topic_name=" + topic), 404, topic);
    }

    private static void assertDetail(Api.Response response, int status, String detailContains) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(json.readTree(response.body()).path("detail").asString()).contains(detailContains);
    }
}
