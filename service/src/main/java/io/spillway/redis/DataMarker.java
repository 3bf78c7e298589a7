package io.spillway.redis;

import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * A key written together with every definition (consumers, connections). Its absence while this instance
 * knows definitions means Redis lost its data (restarted without persistence, FLUSHALL): the instance
 * then writes back what it knows.
 */
@Component
public class DataMarker {
    /** String: when a definition was last written; the key name predates connections being covered. */
    public static final String KEY = "spillway:consumers:saved_at";

    private final Redis redis;

    public DataMarker(Redis redis) {
        this.redis = redis;
    }

    public boolean present() {
        return redis.call(cmds -> cmds.exists(KEY) > 0);
    }

    public void touch() {
        redis.call(cmds -> cmds.set(KEY, Instant.now().toString()));
    }
}
