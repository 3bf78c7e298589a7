package io.spillway.consumer.run;

import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.ConsumerKeys;
import io.spillway.redis.Redis;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Each consumer's runs in Redis: a list, newest first, trimmed to {@code run-history-size}. */
@Component
public class RunHistory {
    public record Page(long total, List<RunRecord> runs) {
    }

    private final Redis redis;
    private final JsonMapper json;
    private final int size;

    public RunHistory(Redis redis, JsonMapper json, SpillwayProperties properties) {
        this.redis = redis;
        this.json = json;
        this.size = properties.consumer().runHistorySize();
    }

    public void add(RunRecord run) {
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
