package io.spillway.consumer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.change.ChangeEvent;
import io.spillway.change.ParsedRecord;
import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.ConsumerHealthCheck;
import io.spillway.consumer.ConsumerService;
import io.spillway.kafka.KafkaClients;
import io.spillway.consumer.ConsumerState;
import io.spillway.consumer.run.Backoff;
import io.spillway.consumer.window.LocalWindow;
import io.spillway.consumer.window.WindowCounter;
import io.spillway.consumer.window.WindowPlan;
import io.spillway.health.ServiceHealth;
import io.spillway.pipeline.WindowCloseReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A runner's loop survives what ends a KafkaConsumer: it restarts with a new one after a backoff, counts the
 * restarts and shows the last error; a stop during the wait ends it at once; no record ends it.
 */
class ConsumerRunnerRestartTest {
    private static final String TOPIC = "db.public.t";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final ConsumerDefinition DEFINITION = new ConsumerDefinition("c1", TOPIC, false, "p1", "conn",
            100, 3600, "none", "earliest", null, Instant.now().toString(), null, null);

    private final List<MockConsumer<byte[], byte[]>> made = new CopyOnWriteArrayList<>();
    private final List<String> deadLetters = new CopyOnWriteArrayList<>();
    private final SpillwayProperties properties = properties(10);
    private ConsumerRunner runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void pollFailingTwiceRestartsTwiceThenRecordsAreProcessedAndCommitted() {
        runner = runner(10, n -> {
            MockConsumer<byte[], byte[]> mock = mock();
            mock.schedulePollTask(() -> {
                mock.rebalance(List.of(TP));
                if (n <= 2) {
                    mock.setPollException(new KafkaException("broker gone " + n + "\nsecond line"));
                } else {
                    for (int offset = 0; offset < 5; offset++) {
                        mock.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, key(offset), null)); // tombstones
                    }
                    mock.addRecord(new ConsumerRecord<>(TOPIC, 0, 5, key(5), bytes("{\"op\":{}}")));
                }
            });
            return mock;
        });
        runner.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> committed(made.size() - 1) == 6);
        RunnerStatus status = runner.status();
        assertThat(made).hasSize(3);
        assertThat(made.get(0).closed()).isTrue();
        assertThat(made.get(1).closed()).isTrue();
        assertThat(status.restarts()).isEqualTo(2);
        assertThat(status.lastError().error()).isEqualTo("KafkaException: broker gone 2");
        assertThat(status.lastError().at()).isNotBlank();
        assertThat(status.state()).isEqualTo(ConsumerState.RUNNING);
        assertThat(status.stateReason()).isNull();
        assertThat(status.recordsIn()).isEqualTo(6);
        assertThat(status.skipped()).isEqualTo(5);
        assertThat(status.deadLettered()).isEqualTo(1);
        assertThat(deadLetters).singleElement().asString().contains("op is an object");
        assertThat(health().status()).as("health once it runs again").isEqualTo(ServiceHealth.Status.UP);
    }

    @Test
    void aStopDuringTheRestartWaitEndsTheRunnerPromptly() {
        runner = runner(60_000, n -> {
            MockConsumer<byte[], byte[]> mock = mock();
            mock.schedulePollTask(() -> mock.setPollException(new KafkaException("no broker")));
            return mock;
        });
        runner.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.status().state() == ConsumerState.RESTARTING);
        assertThat(runner.status().stateReason()).contains("restart 1 in 60000 ms").contains("KafkaException: no broker");
        assertThat(runner.status().assignedPartitions()).isEmpty();
        ServiceHealth health = health();
        assertThat(health.status()).as("health while restarting").isEqualTo(ServiceHealth.Status.DOWN);
        assertThat(health.details().toString()).contains("RESTARTING");

        long started = System.nanoTime();
        runner.stop(Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(runner.isAlive()).isFalse();
        assertThat(runner.status().state()).isEqualTo(ConsumerState.STOPPED);
        assertThat(made).hasSize(1);
    }

    @Test
    void aRecordThatMakesTheParserThrowIsDeadLetteredAndTheOthersGoOn() throws Exception {
        LiveStatus status = new LiveStatus("i1");
        RecordRouter router = new RecordRouter(DEFINITION, deadLetterPublisher(), status, (at, key, value) -> {
            if (at.offset() == 1) {
                throw new IllegalStateException("parser bug\nat line 2");
            }
            return new ParsedRecord.Tombstone(at);
        });
        MockConsumer<byte[], byte[]> mock = mock();
        BackpressureRetry retry = new BackpressureRetry(mock, DEFINITION, null, null,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)), "i1", status,
                () -> { }, () -> false, null);
        List<ConsumerRecord<byte[], byte[]>> records = List.of(new ConsumerRecord<>(TOPIC, 0, 0, null, null),
                new ConsumerRecord<>(TOPIC, 0, 1, null, bytes("x")), new ConsumerRecord<>(TOPIC, 0, 2, null, null));

        RecordRouter.Batch batch = router.route(new ConsumerRecords<>(Map.of(TP, records), Map.of()), retry);

        assertThat(batch.deadLettered()).isEqualTo(1);
        assertThat(deadLetters).containsExactly("1: unexpected: IllegalStateException: parser bug");
        assertThat(status.snapshot().skipped()).isEqualTo(2);
    }

    private interface Factory {
        MockConsumer<byte[], byte[]> make(int n);
    }

    private static SpillwayProperties properties(long initialBackoffMs) {
        return new SpillwayProperties("localhost:1", "http://localhost:1/connectors", "redis://localhost:1", null, 0,
                new SpillwayProperties.Consumer(64 << 20, initialBackoffMs, 60_000, 10, 5_000, 50, 50, false), null, null, null, null, null);
    }

    /** {@code GET /health/consumer} over this test's runner (the service holds nothing else). */
    private ServiceHealth health() {
        ConsumerService service = new ConsumerService(null, null, null, null, null, null, properties, null);
        service.runners().put(DEFINITION.consumerId(), runner);
        return new ConsumerHealthCheck(service).check();
    }

    private ConsumerRunner runner(long initialBackoffMs, Factory factory) {
        return new ConsumerRunner(DEFINITION, null, new NoWindows(), null, deadLetterPublisher(),
                properties(initialBackoffMs), "i1",
                () -> {
                    MockConsumer<byte[], byte[]> mock = factory.make(made.size() + 1);
                    made.add(mock);
                    return mock;
                });
    }

    private static MockConsumer<byte[], byte[]> mock() {
        MockConsumer<byte[], byte[]> mock = new WaitingMockConsumer();
        mock.updateBeginningOffsets(Map.of(TP, 0L));
        mock.updateEndOffsets(Map.of(TP, 6L));
        return mock;
    }

    private long committed(int index) {
        if (index < 0) {
            return -1;
        }
        Consumer<byte[], byte[]> mock = made.get(index);
        Map<TopicPartition, OffsetAndMetadata> committed = ((MockConsumer<byte[], byte[]>) mock).closed()
                ? Map.of() : mock.committed(Set.of(TP));
        OffsetAndMetadata offset = committed.get(TP);
        return offset == null ? -1 : offset.offset();
    }

    private DeadLetterPublisher deadLetterPublisher() {
        return new DeadLetterPublisher(new KafkaClients("localhost:1", Map.of()), null) {
            @Override
            public void send(String consumerId, ConsumerRecord<byte[], byte[]> record, String reason) {
                deadLetters.add(record.offset() + ": " + reason);
            }
        };
    }

    /** No change reaches a window in these tests: every poll just counts nothing. */
    private static final class NoWindows extends WindowCounter {
        NoWindows() {
            super(null, null);
        }

        @Override
        public WindowPlan count(ConsumerDefinition definition, LocalWindow open, List<ChangeEvent> changes,
                WindowCloseReason force, int deadLettered, Instant now) {
            return new WindowPlan("w1", null, List.of(), "w1", 0, 0);
        }
    }

    private static byte[] key(int i) {
        return bytes("{\"id\":" + i + "}");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
