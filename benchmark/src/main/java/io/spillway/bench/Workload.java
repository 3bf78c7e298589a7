package io.spillway.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The change mix: about 60% inserts, 30% updates, 10% deletes. Updates hit recently inserted rows (the
 * last {@code recentWindow} inserts still alive), deletes hit any live row. Deterministic for a seed.
 *
 * <p>Updates and deletes only pick rows committed by an earlier batch, so a batch can run its inserts,
 * then its updates, then its deletes as three JDBC batches without referring to a row it has not written.
 */
public final class Workload {
    /** One transaction's changes, by kind; the ids of updates may repeat (a row updated twice). */
    public record Batch(List<Long> inserts, List<Long> updates, List<Long> deletes) {
        public int size() {
            return inserts.size() + updates.size() + deletes.size();
        }
    }

    private final SplittableRandom random;
    private final int recentWindow;
    private final LiveIds live = new LiveIds();
    private final long[] recent;
    private int recentCount;
    private long nextId = 1;

    public Workload(long seed, int recentWindow) {
        this.random = new SplittableRandom(seed);
        this.recentWindow = recentWindow;
        this.recent = new long[recentWindow];
    }

    /** The next {@code size} changes; the batch's rows count as committed once it is returned. */
    public Batch next(int size) {
        List<Long> inserts = new ArrayList<>();
        List<Long> updates = new ArrayList<>();
        List<Long> deletes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            double r = random.nextDouble();
            if (r >= 0.6 && r < 0.9) {
                long id = pickRecent();
                if (id > 0) {
                    updates.add(id);
                    continue;
                }
            } else if (r >= 0.9 && live.size() > 0) {
                long id = live.removeRandom(random);
                deletes.add(id);
                continue;
            }
            inserts.add(nextId++);
        }
        // The batch commits: its inserts become updatable and deletable for the next batches.
        for (long id : inserts) {
            live.add(id);
            recent[recentCount % recentWindow] = id;
            recentCount++;
        }
        return new Batch(inserts, updates, deletes);
    }

    public long liveRows() {
        return live.size();
    }

    private long pickRecent() {
        int available = Math.min(recentCount, recentWindow);
        for (int attempt = 0; attempt < 4 && available > 0; attempt++) {
            long id = recent[random.nextInt(available)];
            if (live.contains(id)) {
                return id;
            }
        }
        return live.size() > 0 ? live.random(random) : -1;
    }

    /** A set with O(1) add, remove and uniform random pick. */
    private static final class LiveIds {
        private final List<Long> ids = new ArrayList<>();
        private final Map<Long, Integer> index = new HashMap<>();

        void add(long id) {
            index.put(id, ids.size());
            ids.add(id);
        }

        boolean contains(long id) {
            return index.containsKey(id);
        }

        int size() {
            return ids.size();
        }

        long random(SplittableRandom random) {
            return ids.get(random.nextInt(ids.size()));
        }

        long removeRandom(SplittableRandom random) {
            int at = random.nextInt(ids.size());
            long id = ids.get(at);
            long last = ids.remove(ids.size() - 1);
            if (at < ids.size()) {
                ids.set(at, last);
                index.put(last, at);
            }
            index.remove(id);
            return id;
        }
    }
}
