package io.spillway.consumer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.change.ChangeEvent;
import io.spillway.change.KafkaCoordinates;
import io.spillway.change.Op;
import io.spillway.change.RowSchema;
import io.spillway.change.SourcePosition;
import io.spillway.change.TableId;
import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.ConsumerState;
import io.spillway.kafka.KafkaClients;
import io.spillway.consumer.run.Backoff;
import io.spillway.consumer.run.RunRecord;
import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PausedTable;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.Window;
import io.spillway.pipeline.WindowCloseReason;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's choice between retrying and isolating, against a fake job and Kafka's MockConsumer. */
class BackpressureRetryTest {
    private static final TopicPartition TP = new TopicPartition("db.public.t", 0);

    /** Refuses (23514) any window holding a refused offset; times out for the first {@code timeouts} calls. */
    private static final class FakeJob implements PipelineJob {
        final Set<Long> refused;
        int timeouts;
        int calls;
        final List<Long> loaded = new ArrayList<>();
        /** Offsets handed back as a paused table's changes (a schema change), not loaded. */
        Set<Long> paused = Set.of();

        FakeJob(Set<Long> refused, int timeouts) {
            this.refused = refused;
            this.timeouts = timeouts;
        }

        @Override
        public String type() {
            return "fake";
        }

        @Override
        public JobResult run(JobContext context, Window window) throws Exception {
            calls++;
            if (timeouts > 0) {
                timeouts--;
                throw new SQLException("I/O error", "08006", new SocketTimeoutException("Read timed out"));
            }
            if (window.events().stream().anyMatch(e -> refused.contains(e.coordinates().offset()))) {
                throw new SQLException("violates check constraint \"n_allowed\"", "23514");
            }
            List<ChangeEvent> setAside = window.events().stream()
                    .filter(e -> paused.contains(e.coordinates().offset())).toList();
            window.events().stream().filter(e -> !setAside.contains(e)).forEach(e -> loaded.add(e.coordinates().offset()));
            return new JobResult(window.events().size() - setAside.size(), 0, 0, setAside.isEmpty() ? List.of()
                    : List.of(new PausedTable("public.t", "column \"code\" changed type: fix the target", setAside)));
        }
    }

    /** Records what would be dead-lettered instead of sending it. */
    private static final class CapturingDeadLetters extends DeadLetterPublisher {
        final Map<KafkaCoordinates, Map<String, String>> sent = new java.util.LinkedHashMap<>();

        CapturingDeadLetters() {
            super(new KafkaClients("localhost:1", Map.of()), null);
        }

        @Override
        public void sendRefused(String consumerId, Map<KafkaCoordinates, Map<String, String>> refused) {
            sent.putAll(refused);
        }
    }

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final CapturingDeadLetters deadLetters = new CapturingDeadLetters();
    private final LiveStatus status = new LiveStatus("test");

    @BeforeEach
    void assign() {
        consumer.assign(List.of(TP));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
    }

    /** {@code stopAfterCalls}: the consumer is stopped (the wait gives up) once the job ran that often. */
    private BackpressureRetry retry(FakeJob job, String onFailure, int maxAttempts, int stopAfterCalls) {
        ConsumerDefinition definition = new ConsumerDefinition("c", TP.topic(), false, "p", "conn", 10, 60, "fake",
                "earliest", null, Instant.now().toString(), onFailure, maxAttempts);
        PendingRuns noHistory = new PendingRuns("c", null); // no Redis: runs are not stored
        return new BackpressureRetry(consumer, definition, job, noHistory,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)), "test", status, () -> { },
                () -> job.calls >= stopAfterCalls, deadLetters);
    }

    private static Window window(int from, int to) {
        List<ChangeEvent> events = IntStream.range(from, to).mapToObj(i -> new ChangeEvent(Op.CREATE,
                new TableId("db", "public", "t"), new SourcePosition(100L + i, 1L, 0L, false), null, null, null,
                RowSchema.UNKNOWN, new KafkaCoordinates(TP.topic(), 0, i), 10)).toList();
        return new Window("w" + from, WindowCloseReason.COUNT, Instant.now(), Instant.now(), events);
    }

    @Test
    void aPermanentlyRefusedWindowIsIsolatedAfterMaxAttemptsAndTheRunIsPartial() throws Exception {
        FakeJob job = new FakeJob(Set.of(3L), 0);
        retry(job, "dead_letter", 2, 100).runWindows(List.of(window(0, 10), window(10, 20)));

        assertThat(deadLetters.sent.keySet()).extracting(KafkaCoordinates::offset).containsExactly(3L);
        Map<String, String> headers = deadLetters.sent.values().iterator().next();
        assertThat(headers).containsEntry(DeadLetterPublisher.SQL_STATE, "23514")
                .containsEntry(DeadLetterPublisher.WINDOW, "w0").containsKey(DeadLetterPublisher.REASON);
        assertThat(job.loaded).containsExactlyElementsOf(IntStream.range(0, 20).filter(i -> i != 3)
                .mapToObj(i -> (long) i).toList());
        RunnerStatus snapshot = status.snapshot();
        assertThat(snapshot.windowsIsolated()).isEqualTo(1);
        assertThat(snapshot.isolationDeadLettered()).isEqualTo(1);
        assertThat(snapshot.lastIsolationError()).contains("n_allowed");
        assertThat(snapshot.state()).isEqualTo(ConsumerState.RUNNING);
        assertThat(snapshot.lastRun().status()).isEqualTo(RunRecord.SUCCEEDED); // w10 loaded whole, after w0
        assertThat(snapshot.jobFailures()).isEqualTo(2);
    }

    @Test
    void transientFailuresAreRetriedAndNeverDeadLettered() throws Exception {
        FakeJob job = new FakeJob(Set.of(), 5);
        retry(job, "dead_letter", 1, 100).runWindows(List.of(window(0, 10)));

        assertThat(deadLetters.sent).isEmpty();
        assertThat(job.calls).isEqualTo(6);
        assertThat(job.loaded).hasSize(10);
        assertThat(status.snapshot().windowsIsolated()).isZero();
        assertThat(status.snapshot().state()).isEqualTo(ConsumerState.RUNNING);
    }

    @Test
    void withOnFailurePauseARefusedWindowIsRetriedUntilSomeoneActs() {
        FakeJob job = new FakeJob(Set.of(3L), 0);
        assertThatThrownBy(() -> retry(job, "pause", 1, 4).runWindows(List.of(window(0, 10))))
                .isInstanceOf(BackpressureRetry.Abandoned.class);

        assertThat(deadLetters.sent).isEmpty();
        assertThat(job.loaded).isEmpty();
        assertThat(job.calls).isEqualTo(4);
        assertThat(status.snapshot().state()).isEqualTo(ConsumerState.PAUSED_BACKPRESSURE);
        assertThat(status.snapshot().stateReason()).contains("permanent").contains("n_allowed");
    }

    @Test
    void aPausedTablesChangesAreDeadLetteredAtOnceAsSchemaChangeAndShownUntilTheTableLoadsAgain() throws Exception {
        FakeJob job = new FakeJob(Set.of(), 0);
        job.paused = Set.of(2L, 5L);
        retry(job, "dead_letter", 3, 100).runWindows(List.of(window(0, 10)));

        assertThat(job.calls).as("no retry, no isolation").isEqualTo(1);
        assertThat(deadLetters.sent.keySet()).extracting(KafkaCoordinates::offset).containsExactly(2L, 5L);
        Map<String, String> headers = deadLetters.sent.values().iterator().next();
        assertThat(headers.get(DeadLetterPublisher.REASON)).startsWith("schema_change: column \"code\"");
        assertThat(headers).containsEntry(DeadLetterPublisher.ERROR_CLASS, "SchemaChange")
                .containsEntry(DeadLetterPublisher.WINDOW, "w0");
        RunnerStatus snapshot = status.snapshot();
        assertThat(snapshot.pausedTables()).containsOnlyKeys("public.t");
        assertThat(snapshot.pausedTables().get("public.t")).contains("fix the target");
        assertThat(snapshot.lastRun().status()).isEqualTo(RunRecord.PARTIAL);
        assertThat(snapshot.lastRun().deadLettered()).isEqualTo(2);
        assertThat(snapshot.eventsOut()).isEqualTo(8);
        assertThat(snapshot.state()).as("not held").isNotEqualTo(ConsumerState.PAUSED_BACKPRESSURE);

        job.paused = Set.of();
        retry(job, "dead_letter", 3, 100).runWindows(List.of(window(10, 12)));
        assertThat(status.snapshot().pausedTables()).as("loaded again").isEmpty();
        assertThat(deadLetters.sent).hasSize(2);
    }

    @Test
    void withOnFailurePauseAPausedTableHoldsTheConsumerAndNothingIsDeadLettered() {
        FakeJob job = new FakeJob(Set.of(), 0);
        job.paused = Set.of(2L);
        assertThatThrownBy(() -> retry(job, "pause", 1, 3).runWindows(List.of(window(0, 10))))
                .isInstanceOf(BackpressureRetry.Abandoned.class);

        assertThat(deadLetters.sent).isEmpty();
        assertThat(job.calls).isEqualTo(3);
        RunnerStatus snapshot = status.snapshot();
        assertThat(snapshot.state()).isEqualTo(ConsumerState.PAUSED_BACKPRESSURE);
        assertThat(snapshot.stateReason()).contains("table public.t paused").contains("fix the target")
                .contains("permanent");
        assertThat(snapshot.pausedTables()).containsOnlyKeys("public.t");
    }
}
