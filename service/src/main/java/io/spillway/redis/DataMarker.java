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

    /**
     * The marker Redis holds now when it is not the one this instance last handled: Redis lost its data
     * since (the marker was missing, and is now created, or was replaced by another instance). Null when
     * nothing was lost. The loss stays reported until {@link #handled} is called with the returned marker,
     * so a write-back cut short (Redis gone again) is done again at the next look.
     */
    public synchronized String lossSeen() {
        String current = redis.call(cmds -> cmds.get(KEY));
        boolean missing = current == null;
        if (missing) {
            ensure();
            current = redis.call(cmds -> cmds.get(KEY));
        }
        if (!missing && lastSeen == null) {
            lastSeen = current; // this instance's first look: nothing it knew was lost
            return null;
        }
        return missing || !current.equals(lastSeen) ? current : null;
    }

    /**
     * Everything this instance knows was written back after the loss {@code marker} stands for. Until then
     * {@link #unchanged} is false, so a definition not found meanwhile is taken for lost, not for deleted.
     */
    public synchronized void handled(String marker) {
        lastSeen = marker;
    }

    /** True when the marker is the one this instance saw last: no loss it has not yet handled. */
    public boolean unchanged() {
        String current = redis.call(cmds -> cmds.get(KEY));
        return current != null && current.equals(lastSeen);
    }
}
