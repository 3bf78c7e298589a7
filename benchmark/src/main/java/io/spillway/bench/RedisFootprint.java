package io.spillway.bench;

/**
 * Redis before and after one run: Spillway's own keys ({@code spillway:*}: pipeline state, run history,
 * definitions) and the server's used memory (which includes a Redis target's rows). Shows that the
 * state per pipeline stays bounded whatever the number of windows. -1 where not measured.
 */
public record RedisFootprint(long stateKeysBefore, long stateKeysAfter, long usedBytesBefore, long usedBytesAfter) {
    public static final RedisFootprint NONE = new RedisFootprint(-1, -1, -1, -1);

    public static final String STATE_KEYS = "spillway:*";

    public boolean measured() {
        return stateKeysBefore >= 0;
    }

    static RedisFootprint between(Snapshot before, Snapshot after) {
        return new RedisFootprint(before.keys(), after.keys(), before.usedBytes(), after.usedBytes());
    }

    /** One reading: Spillway's keys and used memory. */
    record Snapshot(long keys, long usedBytes) {
        static Snapshot of(RedisStats redis) {
            return new Snapshot(redis.countKeys(STATE_KEYS), redis.usedMemoryBytes());
        }
    }
}
