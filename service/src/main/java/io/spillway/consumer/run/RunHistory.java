package io.spillway.consumer.run;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.ConsumerKeys;
import io.spillway.redis.Redis;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Each consumer's runs in Redis: a list, newest first, trimmed to {@code run-history-size}. */
@Component
public class RunHistory {
    private static final Logger log = LoggerFactory.getLogger(RunHistory.class);
    public record Page(long total, List<RunRecord> runs) {
    }

    private final Redis redis;
    private final JsonMapper json;
    private final int size;
    private final List<RunObserver> observers;

    public RunHistory(Redis redis, JsonMapper json, SpillwayProperties properties, List<RunObserver> observers) {
        this.redis = redis;
        this.json = json;
        this.size = properties.consumer().runHistorySize();
        this.observers = List.copyOf(observers);
    }

    /** How many runs a consumer's history keeps. */
    public int size() {
        return size;
    }

    public void add(RunRecord run) {
        addAll(List.of(run));
    }

    /** Tells the observers, then stores the runs (one round trip); what tests and one-off callers use. */
    public void addAll(List<RunRecord> runs) {
        if (runs.isEmpty()) {
            return;
        }
        observe(runs);
        store(runs);
    }

    /**
     * Tells the observers of runs as they are recorded (before Redis, so a run Redis cannot store, or
     * stores a poll later, is counted at once).
     */
    public void observe(List<RunRecord> runs) {
        for (RunRecord run : runs) {
            for (RunObserver observer : observers) {
                try {
                    observer.recorded(run);
                } catch (RuntimeException e) {
                    log.warn("run {} not observed by {}: {}", run.runId(), observer.getClass().getSimpleName(),
                            e.toString());
                }
            }
        }
    }

    /** Stores the runs of one consumer, oldest first, in one LPUSH (and its LTRIM), waiting for them. */
    public void store(List<RunRecord> runs) {
        if (!runs.isEmpty()) {
            send(runs).await();
        }
    }

    /** Sends the LPUSH of the runs of one consumer (oldest first) and its LTRIM without waiting for the replies. */
    private Push send(List<RunRecord> runs) {
        return push(redis.async(), runs);
    }

    /**
     * Runs {@code action} with the LPUSH (and LTRIM) of {@code runs} sent in the same write as the first Redis
     * call it makes (pipelined: one round trip for all); {@code sent} gets the push when it was sent.
     */
    public <T> T sendAlong(List<RunRecord> runs, Consumer<Push> sent, Callable<T> action) throws Exception {
        return redis.alongNextCall(async -> sent.accept(push(async, runs)), action);
    }

    /**
     * The LPUSH and the LTRIM back to {@code size} behind it, sent together (one write, one round trip, however
     * many runs: a poll of small windows pushes hundreds).
     */
    private Push push(RedisClusterAsyncCommands<String, String> async, List<RunRecord> runs) {
        String key = ConsumerKeys.runs(runs.get(0).consumerId());
        String[] values = runs.stream().map(json::writeValueAsString).toArray(String[]::new);
        RedisFuture<Long> pushed = async.lpush(key, values);
        return new Push(key, pushed, async.ltrim(key, 0, size - 1));
    }

    /** An LPUSH and its LTRIM on their way. */
    public final class Push {
        private final String key;
        private final RedisFuture<Long> pushed;
        private final RedisFuture<String> trimmed;

        private Push(String key, RedisFuture<Long> pushed, RedisFuture<String> trimmed) {
            this.key = key;
            this.pushed = pushed;
            this.trimmed = trimmed;
        }

        /**
         * Waits for both replies; throws what the LPUSH failed with (the runs are then pushed again). A failed
         * LTRIM is only logged: the runs are stored, and the next push trims.
         */
        public void await() {
            // Its own timeout as well: the connection's (TimeoutOptions) fails the command first.
            redis.call(cmds -> LettuceFutures.awaitOrCancel(pushed, 30, TimeUnit.SECONDS));
            try {
                redis.call(cmds -> LettuceFutures.awaitOrCancel(trimmed, 30, TimeUnit.SECONDS));
            } catch (RuntimeException e) {
                log.warn("run history {} not trimmed (the next push trims it): {}", key, e.toString());
            }
        }
    }

    public Page page(String consumerId, int limit, int offset) {
        String key = ConsumerKeys.runs(consumerId);
        return redis.call(cmds -> {
            long total = Math.min(size, cmds.llen(key));
            if (offset >= total) {
                return new Page(total, List.of());
            }
            long last = Math.min(total, (long) offset + limit) - 1;
            List<RunRecord> runs = cmds.lrange(key, offset, last).stream()
                    .map(s -> json.readValue(s, RunRecord.class))
                    .toList();
            return new Page(total, runs);
        });
    }

    public RunRecord latest(String consumerId) {
        List<RunRecord> runs = page(consumerId, 1, 0).runs();
        return runs.isEmpty() ? null : runs.get(0);
    }
}
