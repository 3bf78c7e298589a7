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

    public RunHistory(Redis redis, JsonMapper json, SpillwayProperties properties, List<RunObserver> observers) {
        this.redis = redis;
        this.json = json;
        this.size = properties.consumer().runHistorySize();
        this.observers = List.copyOf(observers);
    }

    /** Tells the observers (before Redis, so a run Redis cannot store is still counted), then stores it. */
    public void add(RunRecord run) {
        for (RunObserver observer : observers) {
            try {
                observer.recorded(run);
            } catch (RuntimeException e) {
                log.warn("run {} not observed by {}: {}", run.runId(), observer.getClass().getSimpleName(), e.toString());
            }
        }
        String key = ConsumerKeys.runs(run.consumerId());
        String value = json.writeValueAsString(run);
        redis.call(cmds -> {
            cmds.lpush(key, value);
            return cmds.ltrim(key, 0, size - 1);
        });
    }

    public Page page(String consumerId, int limit, int offset) {
        String key = ConsumerKeys.runs(consumerId);
        return redis.call(cmds -> {
            long total = cmds.llen(key);
            List<RunRecord> runs = cmds.lrange(key, offset, (long) offset + limit - 1).stream()
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
