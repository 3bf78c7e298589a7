package io.spillway.consumer.run;

import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.ConsumerKeys;
import io.spillway.redis.Redis;
import java.util.List;
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
    /** How far past its size the list may grow before a push trims it (so most pushes are one command). */
    static final int TRIM_SLACK = 100;

    public RunHistory(Redis redis, JsonMapper json, SpillwayProperties properties, List<RunObserver> observers) {
        this.redis = redis;
        this.json = json;
        this.size = properties.consumer().runHistorySize();
        this.observers = List.copyOf(observers);
    }

    public void add(RunRecord run) {
        addAll(List.of(run));
    }

    /**
     * Tells the observers (before Redis, so a run Redis cannot store is still counted), then stores the runs
     * of one consumer, oldest first, in one LPUSH: one round trip however many windows a poll closed (a
     * window of one change closes hundreds per poll). The list is trimmed back to {@code size} only once it
     * has grown {@link #TRIM_SLACK} past it; reads never show more than {@code size}.
     */
    public void addAll(List<RunRecord> runs) {
        if (runs.isEmpty()) {
            return;
        }
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
        String key = ConsumerKeys.runs(runs.get(0).consumerId());
        String[] values = runs.stream().map(json::writeValueAsString).toArray(String[]::new);
        redis.call(cmds -> {
            long length = cmds.lpush(key, values);
            return length > size + TRIM_SLACK ? cmds.ltrim(key, 0, size - 1) : "OK";
        });
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
