package io.spillway.consumer.window;

import io.lettuce.core.ScriptOutputType;
import io.spillway.consumer.ConsumerKeys;
import io.spillway.redis.Redis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Moves a pipeline's hashes from the names before the Redis Cluster hash tag ({@code spillway:pipeline:<name>})
 * to the tagged ones, once per pipeline and instance, before its first window count. No cross-slot
 * command: each old hash is read, copied into the new key by a one-key script only if that key does not
 * exist yet (a second instance, or a window counted meanwhile, wins), then deleted. Idempotent.
 */
@Component
public class PipelineKeyMigration {
    private static final String COPY_IF_ABSENT = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            if tonumber(ARGV[1]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            return 1""";

    private final Redis redis;
    private final Set<String> done = ConcurrentHashMap.newKeySet();

    PipelineKeyMigration(Redis redis) {
        this.redis = redis;
    }

    void migrateOnce(String pipelineName) {
        if (done.contains(pipelineName)) {
            return;
        }
        move(ConsumerKeys.legacyPipeline(pipelineName), ConsumerKeys.pipeline(pipelineName), 0);
        move(ConsumerKeys.legacyClosedWindows(pipelineName), ConsumerKeys.closedWindows(pipelineName),
                WindowCounter.CLOSED_TTL_SECONDS);
        done.add(pipelineName);
    }

    private void move(String from, String to, long ttlSeconds) {
        Map<String, String> old = redis.call(cmds -> cmds.hgetall(from));
        if (old.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(1 + 2 * old.size());
        args.add(String.valueOf(ttlSeconds));
        old.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        redis.call(cmds -> cmds.eval(COPY_IF_ABSENT, ScriptOutputType.INTEGER, new String[] {to},
                args.toArray(new String[0])));
        redis.call(cmds -> cmds.del(from));
    }
}
