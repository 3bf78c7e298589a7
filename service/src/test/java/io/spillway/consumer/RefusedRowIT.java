package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.spillway.consumer.engine.DeadLetterPublisher;
import io.spillway.support.Api;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A target that refuses some changes for good (a CHECK constraint; a webhook answering 422) no longer
 * halts the pipeline: the refused changes go to {@code <topic>.dlq} with why, the rest loads, the run
 * history and /consumer/info say so. With on_failure=pause the consumer waits for someone to act.
 */
class RefusedRowIT extends ConsumerStackIT {
    private static final Set<Integer> REFUSED_N = Set.of(13, 77);

    /** The sync target, made beforehand by its owner with a constraint that some source rows violate. */
    private static void targetTableRefusing(String table) throws SQLException {
        try (Connection c = warehouse(); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE public." + table + " (id integer PRIMARY KEY, name text NOT NULL,"
                    + " n integer CONSTRAINT n_allowed CHECK (n NOT IN (13, 77)))");
        }
    }

    private String startConsumer(Api api, String id, String topic, String connection, int maxEvent, int maxTime,
            String jobType, String failureSettings) {
        String body = consumerJson(id, topic, "pipeline " + id, connection, maxEvent, maxTime, jobType)
                .replaceFirst("}\\s*$", ", " + failureSettings + "}");
        Api.Response started = api.post("/consumer/start", body);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return id;
    }

    @Test
    void refusedRowsGoToTheDeadLetterTopicAndEverythingElseLoads() throws Exception {
        Source source = captureNewTable("refused", 1);
        String id = "refused-" + suffix();
        Api api = api();
        try {
            targetTableRefusing(source.table());
            givenConnection("conn-" + id);
            startConsumer(api, id, source.topic(), "conn-" + id, 10, 2, "sync", "\"max_attempts\": 2");
            insertRows(source.table(), 100);

            Set<Integer> expected = IntStream.range(0, 100).boxed().filter(n -> !REFUSED_N.contains(n))
                    .collect(Collectors.toCollection(TreeSet::new));
            await("every row but the refused ones loaded").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).until(() -> targetNs(source.table()).equals(expected));

            List<DeadLetters.Letter> letters = DeadLetters.read(DeadLetterPublisher.topicFor(source.topic()), 2);
            assertThat(letters).extracting(l -> json.readTree(l.value()).get("payload").get("after").get("n").asInt())
                    .containsExactlyInAnyOrderElementsOf(REFUSED_N);
            for (DeadLetters.Letter letter : letters) {
                assertThat(letter.headers().get(DeadLetterPublisher.SQL_STATE)).isEqualTo("23514");
                assertThat(letter.headers().get(DeadLetterPublisher.REASON)).contains("n_allowed");
                assertThat(letter.headers().get(DeadLetterPublisher.FAILURE_KIND)).isEqualTo("PERMANENT");
                assertThat(letter.headers().get(DeadLetterPublisher.ERROR_CLASS)).isNotBlank();
                assertThat(letter.headers().get(DeadLetterPublisher.CONSUMER)).isEqualTo(id);
                assertThat(letter.headers().get(DeadLetterPublisher.WINDOW)).isNotBlank();
                assertThat(letter.headers().get(DeadLetterPublisher.SOURCE_TOPIC)).isEqualTo(source.topic());
                assertThat(letter.headers().get(DeadLetterPublisher.SOURCE_PARTITION)).isEqualTo("0");
                assertThat(letter.headers().get(DeadLetterPublisher.SOURCE_OFFSET)).matches("\\d+");
                assertThat(letter.headers().get(DeadLetterPublisher.HTTP_STATUS)).isNull();
            }

            List<JsonNode> partial = runs(api, id).stream()
                    .filter(r -> r.get("status").asString().equals("PARTIAL")).toList();
            assertThat(partial).isNotEmpty();
            assertThat(partial.stream().mapToInt(r -> r.get("dead_lettered").asInt()).sum()).isEqualTo(2);
            assertThat(partial).allSatisfy(r -> assertThat(r.get("error").asString()).contains("n_allowed"));

            JsonNode info = info(api, id);
            assertThat(info.get("state").asString()).isEqualTo("RUNNING");
            assertThat(info.get("windows_isolated").asLong()).isBetween(1L, 2L);
            assertThat(info.get("isolation_dead_lettered").asLong()).isEqualTo(2);
            assertThat(info.get("last_isolation_error").asString()).contains("n_allowed");

            // The pipeline goes on: later changes load.
            insertRows(source.table(), 5);
            await("later changes loaded").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetRows(source.table()) == 98 + 5);
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }

    @Test
    void withOnFailurePauseARefusedWindowPausesTheConsumerUntilSomeoneActs() throws Exception {
        Source source = captureNewTable("paused", 1);
        String id = "paused-" + suffix();
        Api api = api();
        try {
            targetTableRefusing(source.table());
            givenConnection("conn-" + id);
            startConsumer(api, id, source.topic(), "conn-" + id, 10, 2, "sync",
                    "\"on_failure\": \"pause\", \"max_attempts\": 1");
            insertRows(source.table(), 30); // n = 13 is in the second window

            await("paused on the refused window").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .until(() -> info(api, id).get("job_failures").asLong() >= 3);
            JsonNode info = info(api, id);
            assertThat(info.get("state").asString()).isEqualTo("PAUSED_BACKPRESSURE");
            assertThat(info.get("state_reason").asString()).contains("n_allowed").contains("permanent");
            assertThat(info.get("isolation_dead_lettered").asLong()).isZero();
            assertThat(targetNs(source.table())).allMatch(n -> n < 13); // nothing from the refused change on
            assertThat(admin.listTopics().names().get()).doesNotContain(DeadLetterPublisher.topicFor(source.topic()));
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }

    @Test
    void aWebhookRefusingOneWindowsSummaryHasThatWindowDeadLetteredAndTheNextOnesGoOn() throws Exception {
        List<Integer> answeredOffsets = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            JsonNode summary = json.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int first = summary.get("first_position").get("offset").asInt();
            int status = first == 5 ? 422 : 200;
            if (status == 200) {
                answeredOffsets.add(first);
            }
            byte[] answer = (status == 422 ? "{\"error\":\"unprocessable\"}" : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        Source source = captureNewTable("hook", 1);
        String id = "hook-" + suffix();
        Api api = api();
        try {
            Api.Response connection = api.post("/connection/create", """
                    {"connection_id": "conn-%s", "type": "http", "url": "http://127.0.0.1:%d/hook", "timeout_ms": 5000}"""
                    .formatted(id, server.getAddress().getPort()));
            assertThat(connection.status()).as(connection.body()).isEqualTo(201);
            startConsumer(api, id, source.topic(), "conn-" + id, 5, 3600, "trigger", "\"max_attempts\": 2");
            insertRows(source.table(), 15); // windows at offsets 0-4, 5-9 (refused), 10-14

            await("the window after the refused one triggered").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(300)).until(() -> answeredOffsets.contains(10));
            List<DeadLetters.Letter> letters = DeadLetters.read(DeadLetterPublisher.topicFor(source.topic()), 5);
            assertThat(letters).extracting(l -> l.headers().get(DeadLetterPublisher.SOURCE_OFFSET))
                    .containsExactlyInAnyOrder("5", "6", "7", "8", "9");
            assertThat(letters).allSatisfy(l -> {
                assertThat(l.headers().get(DeadLetterPublisher.HTTP_STATUS)).isEqualTo("422");
                assertThat(l.headers().get(DeadLetterPublisher.SQL_STATE)).isNull();
            });
            assertThat(runs(api, id)).anySatisfy(r -> {
                assertThat(r.get("status").asString()).isEqualTo("PARTIAL");
                assertThat(r.get("dead_lettered").asInt()).isEqualTo(5);
            });
            assertThat(info(api, id).get("state").asString()).isEqualTo("RUNNING");
            assertThat(answeredOffsets).contains(0).doesNotContain(5);
        } finally {
            stopQuietly(api, id);
            release(source);
            server.stop(0);
        }
    }
}
