package io.spillway.bench;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CPU time each part of the stack spent over one row, read from {@code /proc} before and after it (Linux;
 * elsewhere a row has none): where the machine's cores went, so a row's rate can be read against what it
 * cost. PostgreSQL is the postmaster with all its processes: live backends, and ended ones through the
 * postmaster's reaped-children time. The harness is this JVM: the ceiling and naive consumers run in it, and
 * the polling that times every row.
 */
public final class CpuSplit {
    /** The parts a row's CPU time is split into. */
    public enum Part {
        SERVICE("Spillway service"),
        POSTGRES("PostgreSQL"),
        KAFKA("Kafka broker"),
        CONNECT("Kafka Connect"),
        REDIS("Redis"),
        HARNESS("harness");

        final String label;

        Part(String label) {
            this.label = label;
        }
    }

    /** The parts' cumulative CPU seconds at one moment. */
    record Snapshot(long nanos, Map<Part, Double> seconds) {
    }

    private final Map<Part, Long> pids;

    CpuSplit(Map<Part, Long> pids) {
        this.pids = Map.copyOf(pids);
    }

    /** The stack's processes, with {@code env}'s service instance as the service. */
    static CpuSplit of(BenchEnv env) {
        Map<Part, Long> pids = new EnumMap<>(Part.class);
        pids.put(Part.SERVICE, env.service.pid());
        pids.put(Part.KAFKA, env.stack.kafka().process().pid());
        pids.put(Part.CONNECT, env.stack.connect().process().pid());
        pids.put(Part.REDIS, env.stack.redis().pid());
        pids.put(Part.HARNESS, ProcessHandle.current().pid());
        env.stack.postgres().postmasterPid().ifPresent(pid -> pids.put(Part.POSTGRES, pid));
        return new CpuSplit(pids);
    }

    Snapshot take() {
        return take(ProcStat.all(), System.nanoTime());
    }

    /** From the given stats; a part whose process could not be read is left out. */
    Snapshot take(List<ProcStat> stats, long nanos) {
        Map<Long, ProcStat> byPid = new HashMap<>();
        stats.forEach(s -> byPid.put(s.pid(), s));
        Map<Part, Double> seconds = new EnumMap<>(Part.class);
        pids.forEach((part, pid) -> {
            ProcStat own = byPid.get(pid);
            if (own == null) {
                return;
            }
            if (part == Part.POSTGRES) {
                double total = own.withReapedSeconds();
                for (ProcStat s : stats) {
                    if (s.parent() == pid) {
                        total += s.ownSeconds();
                    }
                }
                seconds.put(part, total);
            } else {
                seconds.put(part, own.ownSeconds());
            }
        });
        return new Snapshot(nanos, seconds);
    }

    /** What each part spent between two snapshots; parts missing from either are left out. */
    static CpuUsage between(Snapshot from, Snapshot to) {
        Map<Part, Double> spent = new EnumMap<>(Part.class);
        from.seconds().forEach((part, before) -> Optional.ofNullable(to.seconds().get(part))
                .ifPresent(after -> spent.put(part, Math.max(0, after - before))));
        return new CpuUsage((to.nanos() - from.nanos()) / 1e9, spent);
    }
}
