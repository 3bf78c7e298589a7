package io.spillway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapSizingTest {
    private static final long MIB = 1L << 20;

    @Test
    void aSmallHeapGetsSmallerWindowsAndPolls() {
        assertThat(HeapSizing.windowMemoryBudget(256 * MIB)).isEqualTo(16 * MIB);
        assertThat(HeapSizing.maxPollRecords(256 * MIB)).isEqualTo(512);
        assertThat(HeapSizing.maxPollRecords(128 * MIB)).isEqualTo(500);
    }

    @Test
    void aLargeHeapIsCappedAtTheDefaultsMeasuredFastest() {
        assertThat(HeapSizing.windowMemoryBudget(1024 * MIB)).isEqualTo(64 * MIB);
        assertThat(HeapSizing.windowMemoryBudget(16_384 * MIB)).isEqualTo(64 * MIB);
        assertThat(HeapSizing.maxPollRecords(1024 * MIB)).isEqualTo(2_000);
        assertThat(HeapSizing.maxPollRecords(16_384 * MIB)).isEqualTo(2_000);
    }

    @Test
    void anUnsetBudgetFollowsTheHeapAndASetOneIsKept() {
        assertThat(consumer(0).windowMemoryBudgetBytes())
                .isEqualTo(HeapSizing.windowMemoryBudget(HeapSizing.maxHeap())).isPositive();
        assertThat(consumer(1234).windowMemoryBudgetBytes()).isEqualTo(1234);
    }

    private static SpillwayProperties.Consumer consumer(long budget) {
        return new SpillwayProperties.Consumer(budget, 1000, 60000, 500, 5000, 250, 50, false);
    }
}
