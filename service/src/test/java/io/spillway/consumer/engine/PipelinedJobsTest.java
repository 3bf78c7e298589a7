package io.spillway.consumer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.change.ChangeEvent;
import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.ConsumerState;
import io.spillway.consumer.window.LocalWindow;
import io.spillway.consumer.window.WindowCounter;
import io.spillway.consumer.window.WindowPlan;
import io.spillway.kafka.KafkaClients;
import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.Window;
import io.spillway.pipeline.WindowCloseReason;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * spillway.consumer.pipelined-jobs on: a window's job runs while the loop reads the next polls, against Kafka's
 * MockConsumer, a counter that closes one window per poll and a job each call of which the test lets finish.
 * Commits never pass the window in flight; a failed job is retried before the next one starts; a revoke and a
 * stop wait for the job in flight.
 */
class PipelinedJobsTest {
    private static final String TOPIC = "db.public.t";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final ConsumerDefinition DEFINITION = new ConsumerDefinition("c1", TOPIC, false, "p1", "conn",
            100, 3600, "fake", "earliest", null, Instant.now().toString(), null, null);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String SOURCE = """
            {"version":"3.6.0.Final","connector":"postgresql","name":"db","ts_ms":1700000000000,"snapshot":"false",
             "db":"d","schema":"public","table":"t","txId":771,"lsn":24023128,"xmin":null}""";

    private final GatedJob job = new GatedJob();
    private final ClosingCounter counter = new ClosingCounter();
    private final AtomicLong committed = new AtomicLong(-1);
    private final MockConsumer<byte[], byte[]> mock = new WaitingMockConsumer() {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            super.commitSync(offsets, timeout);
            note(offsets);
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                OffsetCommitCallback callback) {
            super.commitAsync(offsets, callback);
            note(offsets);
        }

        private void note(Map<TopicPartition, OffsetAndMetadata> offsets) {
            OffsetAndMetadata offset = offsets.get(TP);
            if (offset != null) {
                committed.set(offset.offset());
            }
        }
    };
    private ConsumerRunner runner;

    @AfterEach
    void stop() {
        job.release.addAll(List.of(Outcome.LOAD, Outcome.LOAD, Outcome.LOAD, Outcome.LOAD));
        if (runner != null) {
            runner.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void theNextPollsAreCountedWhileAJobRunsAndCommitsNeverPassTheWindowInFlight() {
        start(true);
        add(0, 3);
        await().atMost(DEADLINE).until(() -> job.started.size() == 1);

        add(3, 6); // read, parsed and counted while w1's job runs: they close w2, whose job must wait
        await().atMost(DEADLINE).until(() -> counter.counted.get() == 6);
        assertThat(job.started).containsExactly("w1");
        assertThat(committed.get()).as("nothing passes the window in flight").isLessThanOrEqualTo(0);

        job.release.add(Outcome.LOAD);
        await().atMost(DEADLINE).until(() -> job.started.size() == 2);
        assertThat(job.started).containsExactly("w1", "w2");
        await().atMost(DEADLINE).until(() -> committed.get() == 3);
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> committed.get() == 3);

        job.release.add(Outcome.LOAD);
        await().atMost(DEADLINE).until(() -> committed.get() == 6);
        RunnerStatus status = runner.status();
        assertThat(status.windowsRun()).as("each run recorded once").isEqualTo(2);
        assertThat(status.eventsOut()).isEqualTo(6);
        assertThat(status.lastRun().windowId()).isEqualTo("w2");
        assertThat(status.lastRun().durationMs()).as("w2's job was held at least 300 ms on the worker")
                .isGreaterThanOrEqualTo(300);
        assertThat(status.jobFailures()).isZero();
    }

    @Test
    void withTheSettingOffTheLoopRunsTheJobItselfAndReadsNothingMeanwhile() {
        start(false);
        add(0, 3);
        await().atMost(DEADLINE).until(() -> job.started.size() == 1);
        add(3, 6);
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> counter.counted.get() == 3);
        job.release.add(Outcome.LOAD);
        await().atMost(DEADLINE).until(() -> counter.counted.get() == 6 && job.started.size() == 2);
    }

    @Test
    void theWindowMemoryBudgetCountsTheJobInFlightSoTheLoopWaitsForItBeforeReadingMore() {
        start(true, 1_000); // small: the window in flight and the next poll pass it together
        add(0, 3);
        await().atMost(DEADLINE).until(() -> job.started.size() == 1);
        add(3, 6);
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> counter.counted.get() == 3);

        job.release.add(Outcome.LOAD);
        await().atMost(DEADLINE).until(() -> counter.counted.get() == 6 && job.started.size() == 2);
        await().atMost(DEADLINE).until(() -> committed.get() == 3);
    }

    @Test
    void aFailedJobIsRetriedWithThePartitionsPausedBeforeTheNextWindowsJobStarts() {
        start(true);
        add(0, 3);
        await().atMost(DEADLINE).until(() -> job.started.size() == 1);
        add(3, 6);
        await().atMost(DEADLINE).until(() -> counter.counted.get() == 6);

        job.release.add(Outcome.TIME_OUT); // w1 fails while w2 waits for it
        await().atMost(DEADLINE).until(() -> runner.status().state() == ConsumerState.PAUSED_BACKPRESSURE);
        assertThat(runner.status().stateReason()).contains("window w1").contains("partitions paused");
        assertThat(runner.status().jobFailures()).isEqualTo(1);
        assertThat(runner.status().lastRun().windowId()).isEqualTo("w1");
        assertThat(runner.status().lastRun().error()).contains("I/O error");
        assertThat(committed.get()).isLessThanOrEqualTo(0);

        job.release.add(Outcome.LOAD); // the retry (on the loop thread) loads w1; only then w2's job starts
        await().atMost(DEADLINE).until(() -> job.started.size() == 3);
        assertThat(job.started).containsExactly("w1", "w1", "w2");
        await().atMost(DEADLINE).until(() -> committed.get() == 3);
        assertThat(runner.status().state()).isEqualTo(ConsumerState.RUNNING);

        job.release.add(Outcome.LOAD);
        await().atMost(DEADLINE).until(() -> committed.get() == 6);
        assertThat(runner.status().windowsRun()).isEqualTo(2);
    }

    @Test
    void aRevokeWaitsForTheJobInFlightAndCommitsPastItBeforeThePartitionGoes() {
        start(true);
        add(0, 3);
        await().atMost(DEADLINE).until(() -> job.started.size() == 1);
        AtomicInteger revokedAt = new AtomicInteger(-2);
        mock.schedulePollTask(() -> {
            mock.rebalance(List.of());
            revokedAt.set((int) committed.get()); // what was committed when the revoke returned
        });
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> revokedAt.get() == -2);

        job.release.add(Outcome.LOAD);
        await().atMost(DEADLINE).until(() -> revokedAt.get() == 3);
        assertThat(runner.status().windowsRun()).isEqualTo(1);
    }

    @Test
    void aRevokeWhileTheJobInFlightFailsCommitsNothingAndRecordsTheFailure() {
        start(true);
        add(0, 3);
        await().atMost(DEADLINE).until(() -> job.started.size() == 1);
        AtomicInteger revokedAt = new AtomicInteger(-2);
        mock.schedulePollTask(() -> {
            job.release.add(Outcome.TIME_OUT); // fails while (or just before) the revoke waits for it
            mock.rebalance(List.of());
            revokedAt.set((int) committed.get());
        });
        await().atMost(DEADLINE).until(() -> revokedAt.get() != -2);
        assertThat(revokedAt.get()).isLessThanOrEqualTo(0);
        assertThat(runner.status().jobFailures()).isEqualTo(1);
        assertThat(runner.status().lastRun().error()).contains("I/O error");
        // Its partition is gone: the window is dropped (the new owner reads it again), never retried here.
        job.release.add(Outcome.LOAD);
        await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> job.started.size() == 1);
        assertThat(runner.status().windowsRun()).isZero();
        assertThat(runner.status().state()).isEqualTo(ConsumerState.RUNNING);
    }

    @Test
    void aStopWaitsForTheJobInFlightAndCommitsPastIt() throws Exception {
        start(true);
        add(0, 3);
        await().atMost(DEADLINE).until(() -> job.started.size() == 1);
        Thread stopper = new Thread(() -> runner.stop(DEADLINE));
        stopper.start();
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> stopper.isAlive() && !mock.closed());

        job.release.add(Outcome.LOAD);
        stopper.join(DEADLINE.toMillis());
        assertThat(runner.isAlive()).isFalse();
        assertThat(committed.get()).isEqualTo(3);
        assertThat(runner.status().windowsRun()).isEqualTo(1);
    }

    private void start(boolean pipelined) {
        start(pipelined, 64 << 20);
    }

    private void start(boolean pipelined, long windowMemoryBudgetBytes) {
        mock.updateBeginningOffsets(Map.of(TP, 0L));
        mock.updateEndOffsets(Map.of(TP, 0L));
        mock.schedulePollTask(() -> mock.rebalance(List.of(TP)));
        SpillwayProperties properties = new SpillwayProperties("localhost:1", "http://localhost:1/connectors",
                "redis://localhost:1", null, 0, new SpillwayProperties.Consumer(windowMemoryBudgetBytes, 100, 1_000, 10, 5_000, 50, 50,
                pipelined), null, null, null, null, null);
        runner = new ConsumerRunner(DEFINITION, job, counter, null,
                new DeadLetterPublisher(new KafkaClients("localhost:1", Map.of()), null) {
                    @Override
                    public void send(String consumerId, ConsumerRecord<byte[], byte[]> record, String reason) {
                        throw new AssertionError("dead letter: " + reason); // every record here is a change
                    }
                }, properties, "i1", () -> mock);
        runner.start();
        await().atMost(DEADLINE).until(() -> runner.status().state() == ConsumerState.RUNNING);
    }

    /** Records [from, to) of TP, each an insert of row id = offset, all in the loop's next poll. */
    private void add(int from, int to) {
        mock.schedulePollTask(() -> addNow(from, to));
    }

    private void addNow(int from, int to) {
        for (int offset = from; offset < to; offset++) {
            String value = """
                    {"before":null,"after":{"id":%d},"source":%s,"op":"c","ts_ms":1}"""
                    .formatted(offset, SOURCE);
            mock.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, bytes("{\"id\":" + offset + "}"), bytes(value)));
        }
        mock.updateEndOffsets(Map.of(TP, (long) to));
    }

    private enum Outcome { LOAD, TIME_OUT }

    /** Each call waits for the test's word: load the window, or time out (a transient failure). */
    private static final class GatedJob implements PipelineJob {
        final List<String> started = new CopyOnWriteArrayList<>();
        final LinkedBlockingQueue<Outcome> release = new LinkedBlockingQueue<>();

        @Override
        public String type() {
            return "fake";
        }

        @Override
        public JobResult run(JobContext context, Window window) throws Exception {
            started.add(window.windowId());
            Outcome outcome = release.poll(60, TimeUnit.SECONDS);
            if (outcome != Outcome.LOAD) {
                throw new SQLException("I/O error", "08006", new SocketTimeoutException("Read timed out"));
            }
            return new JobResult(window.events().size(), 0, 0, List.of());
        }
    }

    /** Each poll's changes make one window (w1, w2, ...) that closes at once. */
    private static final class ClosingCounter extends WindowCounter {
        final AtomicInteger counted = new AtomicInteger();
        private int windows;

        ClosingCounter() {
            super(null, null);
        }

        @Override
        public WindowPlan count(ConsumerDefinition definition, LocalWindow open, List<ChangeEvent> changes,
                WindowCloseReason force, int deadLettered, Instant now) {
            counted.addAndGet(changes.size());
            if (changes.isEmpty()) {
                return new WindowPlan("w" + (windows + 1), null, List.of(), "w" + (windows + 1), 0, 0);
            }
            windows++;
            return new WindowPlan("w" + windows, null,
                    List.of(new WindowPlan.Close("w" + windows, WindowCloseReason.COUNT, changes.size())),
                    "w" + (windows + 1), 0, 0);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
