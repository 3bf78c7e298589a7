package io.spillway.config;

/**
 * Defaults that follow the service's heap ({@code -Xmx}), so a small heap is not filled by buffers sized for a
 * large one. Measured (docs/benchmark.md): under a 256 MB heap, polls of 2,000 Debezium records (8 KB each with
 * their schema) and a 64 MiB window budget kept G1's old generation full of short-lived records, and everything
 * ran at half speed; with a sixteenth of the heap for the windows and about 500 records per poll the heap peaked
 * below 210 MB, never at the cap, and sync loaded 27% faster (noop 65%).
 */
public final class HeapSizing {
    private static final long MAX_WINDOW_BUDGET = 64L << 20;
    private static final int MIN_POLL_RECORDS = 500;
    private static final int MAX_POLL_RECORDS = 2_000;
    /** Heap per record of a poll: 512 KiB, so 256 MiB polls 512 records and 1 GiB or more 2,000. */
    private static final long HEAP_PER_POLL_RECORD = 512L << 10;

    private HeapSizing() {
    }

    /** A sixteenth of the heap, at most 64 MiB. */
    public static long windowMemoryBudget(long maxHeapBytes) {
        return Math.min(MAX_WINDOW_BUDGET, maxHeapBytes / 16);
    }

    /** Kafka's max.poll.records: the heap / 512 KiB, between 500 and 2,000. */
    public static int maxPollRecords(long maxHeapBytes) {
        long records = maxHeapBytes / HEAP_PER_POLL_RECORD;
        return (int) Math.max(MIN_POLL_RECORDS, Math.min(MAX_POLL_RECORDS, records));
    }

    /** This JVM's heap limit. */
    public static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }
}
