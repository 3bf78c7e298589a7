package io.spillway.reliability;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the load committed at the source, to check the append table against: every insert and update
 * carries a sequence number in {@code name} ("person 17"), numbered 1, 2, 3 ... with no gap; deletes
 * are known by the id they removed (ids are never reused).
 */
final class ChangeLedger {
    private final AtomicLong lastSeq = new AtomicLong();
    private final AtomicLong inserts = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final Set<Long> deletedIds = Collections.synchronizedSet(new HashSet<>());

    /** Called after a commit only: nothing uncommitted is ever expected downstream. */
    void committed(long seq, int inserted, int updated, Set<Long> deleted) {
        lastSeq.set(seq);
        inserts.addAndGet(inserted);
        updates.addAndGet(updated);
        deletedIds.addAll(deleted);
    }

    /** The highest sequence number committed; every number from 1 to it was committed. */
    long lastSeq() {
        return lastSeq.get();
    }

    long inserts() {
        return inserts.get();
    }

    long updates() {
        return updates.get();
    }

    long deletes() {
        return deletedIds.size();
    }

    long changes() {
        return inserts() + updates() + deletes();
    }

    Set<Long> deletedIds() {
        synchronized (deletedIds) {
            return new HashSet<>(deletedIds);
        }
    }
}
