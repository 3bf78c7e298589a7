package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.support.Api;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The operator's way out of a refused row: the target refuses n=13 (a CHECK constraint), the change goes to
 * the dead-letter topic; {@code GET /consumer/dead-letters} shows it with why; once the constraint is fixed,
 * {@code POST .../replay} sends it back and the row loads. A letter is replayed once; bad requests are 4xx.
 */
class DeadLetterReplayIT extends ConsumerStackIT {
    @Test
    void aRefusedChangeIsListedWithWhyAndLoadsWhenReplayedAfterTheFix() throws Exception {
        Source source = captureNewTable("replay", 1);
        String id = "replay-" + suffix();
        Api api = api();
        try {
            try (Connection c = warehouse(); Statement sql = c.createStatement()) {
                sql.execute("CREATE TABLE public." + source.table() + " (id integer PRIMARY KEY, name text NOT NULL,"
                        + " n integer CONSTRAINT n_allowed CHECK (n <> 13))");
            }
            givenConnection("conn-" + id);
            Api.Response started = api.post("/consumer/start", consumerJson(id, source.topic(), "pipeline " + id,
                    "conn-" + id, 10, 2, "sync").replaceFirst("}\\s*$", ", \"max_attempts\": 1}"));
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            insertRows(source.table(), 20);
            await("every row but n=13 loaded").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetNs(source.table()).size() == 19);

            JsonNode letters = await("the refused change listed").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> body(api.get("/consumer/dead-letters/" + id)).get("dead_letters"), l -> l.size() == 1);
            JsonNode letter = letters.get(0);
            assertThat(letter.get("topic").asString()).isEqualTo(source.topic() + ".dlq");
            assertThat(letter.get("reason").asString()).contains("n_allowed");
            assertThat(letter.get("details").get("sql_state").asString()).isEqualTo("23514");
            assertThat(letter.get("details").get("topic").asString()).isEqualTo(source.topic());
            assertThat(letter.get("value").asString()).contains("\"n\":13");
            assertThat(letter.get("replayed").asBoolean()).isFalse();
            String coordinates = """
                    {"letters": [{"topic": "%s", "partition": %d, "offset": %d}]}""".formatted(
                    letter.get("topic").asString(), letter.get("partition").asInt(), letter.get("offset").asLong());

            try (Connection c = warehouse(); Statement sql = c.createStatement()) {
                sql.execute("ALTER TABLE public." + source.table() + " DROP CONSTRAINT n_allowed");
            }
            Api.Response replayed = api.post("/consumer/dead-letters/" + id + "/replay", coordinates);
            assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
            assertThat(body(replayed).get("replayed").asInt()).isEqualTo(1);
            await("the replayed row loaded").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetNs(source.table()).contains(13));
            assertThat(targetNs(source.table())).hasSize(20);

            JsonNode after = body(api.get("/consumer/dead-letters/" + id)).get("dead_letters");
            assertThat(after).as("no new letter: it loaded").hasSize(1);
            assertThat(after.get(0).get("replayed").asBoolean()).isTrue();
            JsonNode again = body(api.post("/consumer/dead-letters/" + id + "/replay", coordinates)).get("results");
            assertThat(again.properties().iterator().next().getValue().asString()).isEqualTo("already_replayed");

            Api.Response notFound = api.post("/consumer/dead-letters/" + id + "/replay",
                    coordinates.replaceFirst("\"offset\": \\d+", "\"offset\": 999999"));
            assertThat(body(notFound).get("results").toString()).contains("not_found");
            Api.Response otherTopic = api.post("/consumer/dead-letters/" + id + "/replay",
                    coordinates.replace(source.topic() + ".dlq", "someone.else.dlq"));
            assertThat(otherTopic.status()).isEqualTo(400);
            assertThat(body(otherTopic).get("detail").asString()).contains("not a dead-letter topic of consumer");
            assertThat(api.post("/consumer/dead-letters/" + id + "/replay", "{\"letters\": []}").status())
                    .isBetween(400, 499);
            assertThat(api.get("/consumer/dead-letters/" + id + "?limit=0").status()).isEqualTo(400);
            assertThat(api.get("/consumer/dead-letters/nobody-" + suffix()).status()).isEqualTo(404);
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }
}
