package io.spillway.consumer.engine;

import io.spillway.consumer.run.RunHistory;
import io.spillway.consumer.run.RunRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs recorded since the last Redis call, on their way to the run history. While the consumer is
 * behind (records wait on the broker) they travel with the next poll's counting call (pipelined: one round
 * trip for both), so a poll costs one Redis round trip however many windows it closed. Once caught up, about
 * to wait (backpressure), idle or ending, they go on their own. A run is observed (metrics, the runner's
 * last run) at once; a kill -9 loses the history entries of the windows the last poll closed while behind
 * (their data is loaded and committed). Loop thread only.
 */
final class PendingRuns {
    private static final Logger log = LoggerFactory.getLogger(PendingRuns.class);

    private final String consumerId;
    private final RunHistory history;
    private final int limit;
    private final Deque<RunRecord> runs = new ArrayDeque<>();
    private long dropped;

    /** {@code history} null: nothing is stored (tests of the engine without Redis). */
    PendingRuns(String consumerId, RunHistory history) {
        this.consumerId = consumerId;
        this.history = history;
        this.limit = history == null ? 0 : history.size();
    }

    /** Observes the runs now and keeps them for the next Redis call. */
    void add(List<RunRecord> recorded) {
        if (history == null) {
            return;
        }
        history.observe(recorded);
        runs.addAll(recorded);
        // The history shows only the newest `limit` runs: older pending ones need not wait for Redis.
        while (runs.size() > limit) {
            runs.removeFirst();
            dropped++;
        }
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    /**
     * Runs {@code call} (which makes a Redis call) with the pending runs' LPUSH in the same write as that
     * call's first command: one round trip for both. What {@code call} throws is thrown; runs Redis did not
     * store stay pending.
     */
    <T> T alongside(Callable<T> call) throws Exception {
        if (runs.isEmpty()) {
            return call.call();
        }
        List<RunRecord> batch = take();
        List<RunHistory.Push> sent = new ArrayList<>(1);
        try {
            return history.sendAlong(batch, sent::add, call);
        } finally {
            if (sent.isEmpty()) {
                putBack(batch, null); // the call failed before reaching Redis: its own error says why
            } else {
                try {
                    sent.get(0).await();
                } catch (RuntimeException e) {
                    putBack(batch, e);
                }
            }
        }
    }

    /** Stores the pending runs now (one round trip); a failure is logged and they stay pending. */
    void flush() {
        if (runs.isEmpty()) {
            return;
        }
        List<RunRecord> batch = take();
        try {
            history.store(batch);
        } catch (RuntimeException e) {
            putBack(batch, e);
        }
    }

    private List<RunRecord> take() {
        List<RunRecord> batch = new ArrayList<>(runs);
        runs.clear();
        if (dropped > 0) {
            log.warn("consumer {}: {} older run(s) left out of the history while Redis could not store them",
                    consumerId, dropped);
            dropped = 0;
        }
        return batch;
    }

    private void putBack(List<RunRecord> batch, RuntimeException e) {
        if (e != null) {
            log.warn("consumer {}: {} run(s) not recorded in Redis yet (retried with the next call): {}", consumerId,
                    batch.size(), e.toString());
        }
        List<RunRecord> newer = new ArrayList<>(runs);
        runs.clear();
        runs.addAll(batch);
        runs.addAll(newer);
        while (runs.size() > limit) {
            runs.removeFirst();
            dropped++;
        }
    }
}
