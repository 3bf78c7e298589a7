package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.spillway.change.ChangeEvent;
import io.spillway.change.KafkaCoordinates;
import io.spillway.change.Op;
import io.spillway.change.RowSchema;
import io.spillway.change.SourcePosition;
import io.spillway.change.TableId;
import io.spillway.pipeline.trigger.TriggerFailedException;
import io.spillway.pipeline.trigger.TriggerJob;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** trigger calls a real HTTP server with the window's summary or a templated body; non-2xx fails the run. */
class TriggerJobIT {
    private static final JsonMapper json = JsonMapper.builder().build();
    private record Received(String method, String path, String contentType, String auth, String body) {
    }

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicLong hugeBytesSent = new AtomicLong();
    private final AtomicBoolean hugeAbandoned = new AtomicBoolean();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            byte[] answer = "{\"ok\":false,\"why\":\"boom\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/huge", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, 0); // chunked, as long as the client reads
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            try {
                for (int i = 0; i < 50 * 16; i++) {
                    exchange.getResponseBody().write(chunk);
                    hugeBytesSent.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                hugeAbandoned.set(true); // the client stopped reading and closed the stream
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static ChangeEvent event(Op op, String table, long lsn, long offset) {
        return new ChangeEvent(op, new TableId("mydatabase", "public", table),
                new SourcePosition(lsn, 700L + lsn, 1_700_000_000_000L + lsn, false), null, null, null,
                RowSchema.UNKNOWN, new KafkaCoordinates("db.public." + table, 0, offset), 10);
    }

    private static final Window WINDOW = new Window("orders-0-1234", WindowCloseReason.TIME,
            Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:00:05Z"),
            List.of(event(Op.CREATE, "orders", 100, 5), event(Op.UPDATE, "orders", 110, 6),
                    event(Op.DELETE, "customers", 120, 7), event(Op.CREATE, "orders", 130, 8)));
    private static final JobContext CONTEXT = new JobContext("consumer-1", "orders-pipeline", "hook", null);

    @Test
    void postsTheDocumentedSummaryWithTheConnectionsHeaders() throws Exception {
        TriggerJob trigger = new TriggerJob(id -> new HttpTarget(url("/hook"), null,
                Map.of("Authorization", "Bearer t0ken"), 5000, null));
        assertThat(trigger.run(CONTEXT, WINDOW)).isEqualTo(JobResult.NOTHING);

        assertThat(received).hasSize(1);
        Received call = received.get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/hook");
        assertThat(call.contentType()).isEqualTo("application/json");
        assertThat(call.auth()).isEqualTo("Bearer t0ken");
        assertThat(json.readTree(call.body())).isEqualTo(json.readTree("""
                {"pipeline": "orders-pipeline", "consumer": "consumer-1", "window_id": "orders-0-1234",
                 "reason": "time", "window_start": "2026-01-01T10:00:00Z", "window_end": "2026-01-01T10:00:05Z",
                 "event_count": 4, "snapshot_reads": 0,
                 "tables": {"public.customers": {"c": 0, "u": 0, "d": 1, "r": 0, "t": 0},
                            "public.orders": {"c": 2, "u": 1, "d": 0, "r": 0, "t": 0}},
                 "first_position": {"lsn": 100, "tx_id": 800, "commit_time": "2023-11-14T22:13:20.100Z",
                                    "topic": "db.public.orders", "partition": 0, "offset": 5},
                 "last_position": {"lsn": 130, "tx_id": 830, "commit_time": "2023-11-14T22:13:20.130Z",
                                   "topic": "db.public.orders", "partition": 0, "offset": 8}}"""));
    }

    @Test
    void sendsTheTemplatedBodyForAirbyteAndAirflow() throws Exception {
        String airbyte = "{\"connectionId\": \"abc\", \"jobType\": \"sync\"}";
        new TriggerJob(id -> new HttpTarget(url("/api/v1/jobs"), "POST", Map.of(), 5000, airbyte))
                .run(CONTEXT, WINDOW);
        String airflow = """
                {"dag_run_id": "spillway-{{window_id}}", "conf": {"pipeline": "{{pipeline}}",
                 "events": {{event_count}}, "first_lsn": {{first_lsn}}, "last_lsn": {{last_lsn}}, "reason": "{{reason}}"}}""";
        new TriggerJob(id -> new HttpTarget(url("/api/v1/dags/load/dagRuns"), "post", Map.of(), 5000, airflow))
                .run(CONTEXT, WINDOW);

        assertThat(received).hasSize(2);
        assertThat(received.get(0).body()).isEqualTo(airbyte);
        JsonNode dagRun = json.readTree(received.get(1).body());
        assertThat(dagRun.get("dag_run_id").asString()).isEqualTo("spillway-orders-0-1234");
        assertThat(dagRun.get("conf").get("pipeline").asString()).isEqualTo("orders-pipeline");
        assertThat(dagRun.get("conf").get("events").asInt()).isEqualTo(4);
        assertThat(dagRun.get("conf").get("first_lsn").asLong()).isEqualTo(100);
        assertThat(dagRun.get("conf").get("last_lsn").asLong()).isEqualTo(130);
        assertThat(dagRun.get("conf").get("reason").asString()).isEqualTo("time");
    }

    @Test
    void aServerErrorFailsTheRunSoTheWindowIsRetried() {
        status.set(500);
        TriggerJob trigger = new TriggerJob(id -> new HttpTarget(url("/hook"), "POST",
                Map.of("Authorization", "Bearer secret-token"), 5000, null));
        assertThatThrownBy(() -> trigger.run(CONTEXT, WINDOW)).isInstanceOf(TriggerFailedException.class)
                .hasMessageContaining("answered 500").hasMessageContaining("boom")
                .hasMessageNotContaining("secret-token");
        assertThat(received).hasSize(1);
    }

    @Test
    void aHugeErrorAnswerIsReadOnlyAsFarAsItIsQuoted() {
        TriggerJob trigger = new TriggerJob(id -> new HttpTarget(url("/huge"), "POST", Map.of(), 5000, null));
        assertThatThrownBy(() -> trigger.run(CONTEXT, WINDOW)).isInstanceOf(TriggerFailedException.class)
                .hasMessageContaining("answered 500")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500));
        await().atMost(Duration.ofSeconds(20)).untilTrue(hugeAbandoned);
        assertThat(hugeBytesSent.get()).as("bytes the endpoint got to send of its 50 MB").isLessThan(10L << 20);
    }

    @Test
    void anUnreachableEndpointFailsTheRun() {
        server.stop(0);
        TriggerJob trigger = new TriggerJob(id -> new HttpTarget(url("/hook"), "POST", Map.of(), 2000, null));
        assertThatThrownBy(() -> trigger.run(CONTEXT, WINDOW)).isInstanceOf(TriggerFailedException.class);
    }
}
