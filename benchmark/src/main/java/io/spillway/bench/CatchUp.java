package io.spillway.bench;

import java.util.function.Supplier;

/**
 * Waits for a consumer group to catch up with the topic and times it: the clock starts when a member of
 * the group is assigned a partition (fetching starts), and stops when the target equals the source (a
 * cheap fingerprint, polled once the group is near the end) or, for targets with nothing to compare,
 * when the group has committed every offset. Kafka Connect commits sink offsets only every second, so
 * the target, not the offsets, is what stops the clock where there is one.
 */
final class CatchUp {
    /** Does the target equal the source yet (a cheap check; false while the target table is missing). */
    interface TargetCheck {
        boolean matches() throws Exception;
    }

    private static final long NEAR_END = 30_000;
    private static final long STALL_NANOS = 180_000_000_000L;

    private CatchUp() {
    }

    /** Seconds from assignment to caught up; throws with {@code diagnostics} when the group stalls. */
    static double await(BenchEnv env, String group, String topic, long changes, TargetCheck target,
            Supplier<String> diagnostics) throws Exception {
        return await(env, group, topic, changes, target, diagnostics, () -> { });
    }

    /** The same, running {@code onAssigned} as soon as the group is seen assigned (the clock's start). */
    static double await(BenchEnv env, String group, String topic, long changes, TargetCheck target,
            Supplier<String> diagnostics, Runnable onAssigned) throws Exception {
        long assignDeadline = System.nanoTime() + 120_000_000_000L;
        while (!env.kafka.assigned(group, topic)) {
            if (System.nanoTime() > assignDeadline) {
                throw new BenchException("consumer group " + group + " was not assigned " + topic
                        + " within 120 s; " + diagnostics.get());
            }
            Waits.pause(20);
        }
        onAssigned.run();
        long started = System.nanoTime();
        long lastCommitted = -1;
        long lastProgress = started;
        long lastLog = started;
        long lastTargetCheck = 0;
        long finished;
        while (true) {
            long now = System.nanoTime();
            long committed = env.kafka.committedTotal(group, topic);
            if (target == null && committed >= changes) {
                finished = now;
                break;
            }
            if (target != null && changes - committed <= NEAR_END && now - lastTargetCheck > 200_000_000L) {
                lastTargetCheck = now;
                if (matches(target)) {
                    finished = now;
                    break;
                }
            }
            if (committed != lastCommitted) {
                lastCommitted = committed;
                lastProgress = now;
            } else if (now - lastProgress > STALL_NANOS) {
                throw new BenchException("no progress for " + STALL_NANOS / 1_000_000_000L + " s at " + committed
                        + " of " + changes + " committed; " + diagnostics.get());
            }
            if (now - lastLog > 5_000_000_000L) {
                lastLog = now;
                double s = (now - started) / 1e9;
                Log.info("  %s: %,d / %,d committed after %.0f s (%,.0f/s)", group, committed, changes, s,
                        committed / s);
            }
            Waits.pause(50);
        }
        double seconds = (finished - started) / 1e9;
        // The target is right; the offsets must follow (Spillway commits after the load, Connect every second).
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (env.kafka.committedTotal(group, topic) < changes) {
            if (System.nanoTime() > deadline) {
                throw new BenchException("the target equals the source but " + group + " committed only "
                        + env.kafka.committedTotal(group, topic) + " of " + changes + " offsets after 60 s; "
                        + diagnostics.get());
            }
            Waits.pause(100);
        }
        return seconds;
    }

    private static boolean matches(TargetCheck target) {
        try {
            return target.matches();
        } catch (Exception e) {
            return false; // the target table may not exist yet
        }
    }
}
