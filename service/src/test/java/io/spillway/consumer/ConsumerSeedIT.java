package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The seed document's consumer curl examples, with the seed's status codes; and every documented error. */
class ConsumerSeedIT extends ConsumerStackIT {
    /** The seed's "Start Consumer" body, verbatim. */
    private static final String SEED_START = """
            {
              "consumer_id": "1",
              "kafka_topic": "db.public.person12",
              "pipeline_name": "first pipeline",
              "connection_id": "string",
              "max_event": 10,
              "max_time": 3600,
              "job_type": "sync",
              "auto_offset_reset": "earliest"
            }""";

    @Test
    void theSeedsConsumerExamplesAnswerAsTheSeedSays() {
        givenConnection("string");
        Api api = api();
        try {
            Api.Response started = api.post("/consumer/start", SEED_START);
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            JsonNode info = body(started);
            assertThat(info.get("consumer_id").asString()).isEqualTo("1");
            assertThat(info.get("definition").get("pipeline_name").asString()).isEqualTo("first pipeline");
            assertThat(info.get("redis_key").asString()).isEqualTo("spillway:pipeline:{first pipeline}");

            Api.Response again = api.post("/consumer/start", SEED_START);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.contentType()).startsWith("application/problem+json");
            assertThat(body(again).get("detail").asString()).contains("'1' exists");

            // The seed's "Stop Consumer" example names consumer-1, which was never started.
            Api.Response stopOther = api.post("/consumer/stop?consumer_id=consumer-1", null);
            assertThat(stopOther.status()).isEqualTo(404);
            assertThat(body(stopOther).get("detail").asString()).contains("consumer-1");

            Api.Response list = api.get("/consumer/list");
            assertThat(list.status()).isEqualTo(200);
            assertThat(body(list).get("consumers").toString()).contains("\"consumer_id\":\"1\"");

            assertThat(api.get("/consumer/info/1").status()).isEqualTo(200);
            assertThat(api.get("/redis/count/1").status()).isEqualTo(200);
            assertThat(api.get("/redis/status/1").status()).isEqualTo(200);
            assertThat(body(api.get("/redis/consumers")).get("consumers").toString()).contains("first pipeline");
            assertThat(api.get("/consumer/runs/1").status()).isEqualTo(200);
            assertThat(api.post("/consumer/trigger?consumer_id=1", null).status()).isEqualTo(200);
            assertThat(api.post("/redis/reset/1", null).status()).isEqualTo(200);

            Api.Response stopped = api.post("/consumer/stop?consumer_id=1", null);
            assertThat(stopped.status()).isEqualTo(200);
            assertThat(body(stopped).get("state").asString()).isEqualTo("STOPPED");
            assertThat(api.get("/consumer/info/1").status()).isEqualTo(404);
            assertThat(api.post("/consumer/stop?consumer_id=1", null).status()).isEqualTo(404);
        } finally {
            stopQuietly(api, "1");
        }
    }

    @Test
    void badStartRequestsAre400WithADetailThatSaysWhatToFix() {
        givenConnection("seed-conn");
        Api api = api();
        Api.Response unknownJob = api.post("/consumer/start",
                consumerJson("bad-" + suffix(), "db.public.person12", "p-" + suffix(), "seed-conn", 10, 60, "spark"));
        assertThat(unknownJob.status()).isEqualTo(400);
        assertThat(body(unknownJob).get("detail").asString()).contains("unknown job_type 'spark'").contains("recording")
                .contains("sync");

        Api.Response unknownConnection = api.post("/consumer/start",
                consumerJson("bad-" + suffix(), "db.public.person12", "p-" + suffix(), "nobody", 10, 60, "sync"));
        assertThat(unknownConnection.status()).isEqualTo(400);
        assertThat(body(unknownConnection).get("detail").asString()).contains("unknown connection_id 'nobody'");

        Api.Response badValues = api.post("/consumer/start",
                consumerJson("../etc", "bad/topic", "p", "seed-conn", 0, 0, "sync"));
        assertThat(badValues.status()).isEqualTo(400);
        assertThat(body(badValues).get("detail").asString()).contains("consumer_id").contains("kafka_topic")
                .contains("max_event").contains("max_time");

        Api.Response unknownField = api.post("/consumer/start", SEED_START.replace("\"max_event\"", "\"max_events\""));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(body(unknownField).get("detail").asString()).contains("max_events");

        Api.Response noBody = api.post("/consumer/start", null);
        assertThat(noBody.status()).isEqualTo(400);

        Api.Response badReset = api.post("/consumer/start", SEED_START.replace("earliest", "sometime")
                .replace("\"consumer_id\": \"1\"", "\"consumer_id\": \"x-" + suffix() + "\""));
        assertThat(badReset.status()).isEqualTo(400);
        assertThat(body(badReset).get("detail").asString()).contains("auto_offset_reset");
    }

    @Test
    void unknownConsumersAre404AndMissingOrMalformedParametersAre4xx() {
        Api api = api();
        String nobody = "nobody-" + suffix();
        assertThat(api.get("/consumer/info/" + nobody).status()).isEqualTo(404);
        assertThat(api.post("/consumer/trigger?consumer_id=" + nobody, null).status()).isEqualTo(404);
        assertThat(api.get("/consumer/runs/" + nobody).status()).isEqualTo(404);
        assertThat(api.get("/redis/count/" + nobody).status()).isEqualTo(404);
        assertThat(api.get("/redis/status/" + nobody).status()).isEqualTo(404);
        assertThat(api.post("/redis/reset/" + nobody, null).status()).isEqualTo(404);
        assertThat(api.post("/consumer/stop", null).status()).isEqualTo(422);
        assertThat(api.post("/consumer/trigger", null).status()).isEqualTo(422);
        assertThat(api.get("/consumer/info/bad%20id").status()).isEqualTo(400);
        assertThat(api.get("/consumer/runs/" + nobody + "?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/consumer/runs/" + nobody + "?limit=abc").status()).isEqualTo(400);
        assertThat(api.get("/redis/consumers").status()).isEqualTo(200);
    }
}
