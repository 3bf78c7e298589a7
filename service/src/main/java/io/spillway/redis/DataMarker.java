package io.spillway.redis;

import io.lettuce.core.SetArgs;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * How an instance learns that Redis lost its data (restarted without persistence, FLUSHALL): a random id
 * written once, with the first definition. Missing, or another id than this instance saw before, means the
 * data is gone: each instance then writes back what it knows. Each instance finds out for itself, so the
 * first one to write back does not hide the loss from the others.
 */
@Component
public class DataMarker {
    /** String: a random id set when Spillway first writes a definition to this Redis. */
    public static final String KEY = "spillway:data_epoch";

    private final Redis redis;
    private volatile String lastSeen;

    public DataMarker(Redis redis) {
        this.redis = redis;
    }

    /** Creates the marker unless it exists (call after writing a definition). */
    public void ensure() {
        redis.call(cmds -> cmds.set(KEY, UUID.randomUUID().toString(), SetArgs.Builder.nx()));
    }

    /** True once per loss, for this instance: the marker was missing (now created) or was replaced. */
    public synchronized boolean lostSinceLastLook() {
        String current = redis.call(cmds -> cmds.get(KEY));
        boolean missing = current == null;
        if (missing) {
            ensure();
            current = redis.call(cmds -> cmds.get(KEY));
        }
        boolean lost = missing || (lastSeen != null && !lastSeen.equals(current));
        lastSeen = current;
        return lost;
    }

    /** True when the marker is the one this instance saw last: no loss it has not yet handled. */
    public boolean unchanged() {
        String current = redis.call(cmds -> cmds.get(KEY));
        return current != null && current.equals(lastSeen);
    }
}
