package io.spillway.consumer.engine;

import io.spillway.consumer.ConsumerState;
import io.spillway.consumer.run.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a runner's loop alive. A session is one KafkaConsumer's life; when it ends with an unexpected error
 * (a KafkaException from poll, a failed commit, a bug) its consumer is already closed and nothing of it was
 * committed past what its jobs finished. After an exponential backoff (state RESTARTING) a new session
 * starts from the committed offsets, in the same group. A stop ends the wait at once.
 */
final class RunnerSupervisor {
    private static final Logger log = LoggerFactory.getLogger(RunnerSupervisor.class);
    /** The longest wait between two restarts; a session that lived this long starts the backoff over. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    /** One KafkaConsumer's life: returns when stopping, throws what ended it otherwise. */
    interface Session {
        void run();
    }

    private final String consumerId;
    private final Backoff backoff;
    private final LiveStatus status;
    private final BooleanSupplier stopping;
    private final CountDownLatch stopped = new CountDownLatch(1);

    RunnerSupervisor(String consumerId, Duration initialWait, LiveStatus status, BooleanSupplier stopping) {
        this.consumerId = consumerId;
        this.backoff = new Backoff(initialWait, MAX_WAIT);
        this.status = status;
        this.stopping = stopping;
    }

    /** Wakes a restart wait: the loop ends instead of starting again. */
    void stop() {
        stopped.countDown();
    }

    void run(Session session) {
        int failures = 0;
        while (!stopping.getAsBoolean()) {
            long started = System.nanoTime();
            try {
                session.run();
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean()) {
                    return;
                }
                boolean livedLong = System.nanoTime() - started >= MAX_WAIT.toNanos();
                failures = livedLong ? 1 : failures + 1;
                Duration wait = backoff.delayAfter(failures);
                RunnerError error = RunnerError.of(e, Instant.now());
                log.error("consumer {}: loop failed; a new consumer starts from the committed offsets in {} ms",
                        consumerId, wait.toMillis(), e);
                status.restarting(error, wait);
                if (stopRequestedWithin(wait)) {
                    return;
                }
                status.setState(ConsumerState.STARTING, "restart " + status.restarts() + ": joining the group again");
            }
        }
    }

    private boolean stopRequestedWithin(Duration wait) {
        try {
            return stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS) || stopping.getAsBoolean();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
