package io.spillway.consumer.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.change.ChangeEvent;
import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.ConsumerKeys;
import io.spillway.pipeline.WindowCloseReason;
import io.spillway.redis.Redis;
import io.spillway.support.StackIT;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The window script on the real Redis: how one poll's changes split, and every way a window closes. */
class WindowCounterIT extends StackIT {
    @Autowired
    WindowCounter counter;
    @Autowired
    Redis redis;

    private static ConsumerDefinition definition(int maxEvent, int maxTime) {
        String id = "wc-" + UUID.randomUUID().toString().substring(0, 8);
        return new ConsumerDefinition(id, "t", false, "pipe " + id, "c", maxEvent, maxTime, "recording", "earliest",
                null, Instant.now().toString(), null, null);
    }

    private static List<ChangeEvent> changes(int from, int to) {
        return WindowAssemblerTest.changes(from, to);
    }

    @Test
    void onePollOfTwentyFiveWithMaxTenClosesTwoWindowsAndLeavesFiveOpen() {
        ConsumerDefinition d = definition(10, 60);
        WindowPlan plan = counter.count(d, null, changes(0, 25), null, 0, Instant.now());
        assertThat(plan.closes()).extracting(WindowPlan.Close::reason, WindowPlan.Close::take)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(WindowCloseReason.COUNT, 10),
                        org.assertj.core.groups.Tuple.tuple(WindowCloseReason.COUNT, 10));
        assertThat(plan.count()).isEqualTo(5);
        assertThat(plan.closes().get(0).windowId()).isNotEqualTo(plan.closes().get(1).windowId())
                .isNotEqualTo(plan.windowId());
        Map<String, String> hash = redis.call(c -> c.hgetall(ConsumerKeys.pipeline(d.pipelineName())));
        assertThat(hash).containsEntry("window_count", "5").containsEntry("events_total", "25")
                .containsEntry("windows_closed_total", "2").containsEntry("table_name", "t")
                .containsEntry("schema_name", "public").containsEntry("db_name", "db");
        assertThat(hash.get("event")).contains("\"event_count\":5").contains("\"event_type\":\"c\"");
        // Another instance learns why its part closed.
        String first = plan.closes().get(0).windowId();
        Map<String, String> closed = redis.call(c -> c.hgetall(ConsumerKeys.closedWindows(d.pipelineName())));
        assertThat(closed.values()).contains(first + " count");
    }

    @Test
    void redisHoldsTwoKeysPerPipelineWhateverTheWindowRate() {
        ConsumerDefinition d = definition(1, 3600);
        Instant now = Instant.now();
        int windows = WindowCounter.CLOSED_WINDOWS_KEPT * 3;
        WindowPlan plan = counter.count(d, null, changes(0, windows), null, 0, now);
        assertThat(plan.closes()).hasSize(windows);

        String closedKey = ConsumerKeys.closedWindows(d.pipelineName());
        long entries = redis.call(c -> c.hlen(closedKey));
        long ttl = redis.call(c -> c.ttl(closedKey));
        assertThat(entries).isEqualTo(WindowCounter.CLOSED_WINDOWS_KEPT);
        assertThat(ttl).isPositive();
        List<String> keys = redis.call(c -> c.keys(ConsumerKeys.pipeline(d.pipelineName()) + "*"));
        assertThat(keys).containsExactlyInAnyOrder(ConsumerKeys.pipeline(d.pipelineName()), closedKey);
        // The newest closed windows are the ones remembered.
        String newest = plan.closes().get(windows - 1).windowId();
        List<String> remembered = redis.call(c -> c.hvals(closedKey));
        assertThat(remembered).contains(newest + " count")
                .doesNotContain(plan.closes().get(0).windowId() + " count");
    }

    @Test
    void aHolderWhoseWindowClosedLongerAgoThanRememberedJoinsTheOpenWindowLosingNothing() {
        ConsumerDefinition d = definition(1000, 3600);
        Instant now = Instant.now();
        WindowPlan first = counter.count(d, null, changes(0, 2), null, 0, now);
        LocalWindow held = new LocalWindow(first.windowId(), now);
        changes(0, 2).forEach(held::add);
        for (int i = 0; i <= WindowCounter.CLOSED_WINDOWS_KEPT; i++) {
            counter.count(d, null, List.of(), WindowCloseReason.MANUAL, 0, now);
            counter.count(d, null, changes(0, 1), null, 0, now);
        }
        WindowPlan late = counter.count(d, held, List.of(), null, 0, now);
        assertThat(late.callerWindowClosed()).isNull();
        assertThat(late.count()).isEqualTo(1 + 2); // the open window's change plus the held two
    }

    @Test
    void aWindowPastMaxTimeClosesOnTheNextCallWithoutNewChanges() {
        ConsumerDefinition d = definition(100, 5);
        Instant start = Instant.now();
        WindowPlan opened = counter.count(d, null, changes(0, 3), null, 0, start);
        LocalWindow mine = new LocalWindow(opened.windowId(), start);
        changes(0, 3).forEach(mine::add);

        assertThat(counter.count(d, mine, List.of(), null, 0, start.plusMillis(4_999)).closes()).isEmpty();
        WindowPlan due = counter.count(d, mine, List.of(), null, 0, start.plusMillis(5_000));
        assertThat(due.closes()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(WindowCloseReason.TIME);
            assertThat(c.windowId()).isEqualTo(opened.windowId());
        });
        assertThat(due.count()).isZero();
    }

    @Test
    void aForcedMemoryCloseTakesThePollsChangesAndAManualCloseReachesTheHolder() {
        ConsumerDefinition d = definition(1000, 3600);
        Instant now = Instant.now();
        WindowPlan first = counter.count(d, null, changes(0, 4), null, 0, now);
        LocalWindow mine = new LocalWindow(first.windowId(), now);
        changes(0, 4).forEach(mine::add);
        WindowPlan memory = counter.count(d, mine, changes(4, 7), WindowCloseReason.MEMORY, 0, now);
        assertThat(memory.closes()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(WindowCloseReason.MEMORY);
            assertThat(c.take()).isEqualTo(3);
        });

        WindowPlan next = counter.count(d, null, changes(7, 9), null, 0, now);
        LocalWindow held = new LocalWindow(next.windowId(), now);
        changes(7, 9).forEach(held::add);
        // The API's trigger (no window of its own) closes it; the holder learns the reason on its next poll.
        assertThat(counter.count(d, null, List.of(), WindowCloseReason.MANUAL, 0, now).closes()).hasSize(1);
        WindowPlan holder = counter.count(d, held, List.of(), null, 0, now);
        assertThat(holder.callerWindowClosed()).isEqualTo(WindowCloseReason.MANUAL);
    }

    @Test
    void whenRedisLostTheStateTheCallersWindowIsAdoptedWithItsCount() {
        ConsumerDefinition d = definition(10, 3600);
        Instant now = Instant.now();
        WindowPlan first = counter.count(d, null, changes(0, 6), null, 2, now);
        LocalWindow mine = new LocalWindow(first.windowId(), now);
        changes(0, 6).forEach(mine::add);
        redis.call(c -> c.del(ConsumerKeys.pipeline(d.pipelineName())));

        WindowPlan rebuilt = counter.count(d, mine, changes(6, 10), null, 0, now);
        assertThat(rebuilt.entryWindowId()).isEqualTo(first.windowId());
        assertThat(rebuilt.callerWindowClosed()).isNull();
        assertThat(rebuilt.closes()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(WindowCloseReason.COUNT);
            assertThat(c.take()).isEqualTo(4);
        });

        counter.forget(d, mine);
    }

    private static LocalWindow holding(String windowId, List<ChangeEvent> changes) {
        LocalWindow window = new LocalWindow(windowId, Instant.now());
        changes.forEach(window::add);
        return window;
    }

    @Test
    void changesReadAgainAfterACrashAreNotCountedTwiceAndTheWindowClosesAtMaxEvent() {
        ConsumerDefinition d = definition(10, 3600);
        Instant now = Instant.now();
        WindowPlan before = counter.count(d, null, changes(0, 4), null, 0, now);
        // The instance died with offsets 0..3 counted; its successor reads them again, and 3 new ones.
        WindowPlan reread = counter.count(d, null, changes(0, 7), null, 0, now);
        assertThat(reread.count()).isEqualTo(7);
        assertThat(reread.closes()).isEmpty();
        assertThat(reread.windowId()).isEqualTo(before.windowId());

        WindowPlan full = counter.count(d, holding(reread.windowId(), changes(0, 7)), changes(7, 10), null, 0, now);
        assertThat(full.closes()).singleElement().satisfies(c -> {
            assertThat(c.windowId()).isEqualTo(before.windowId());
            assertThat(c.reason()).isEqualTo(WindowCloseReason.COUNT);
            assertThat(c.take()).isEqualTo(3);
        });
        assertThat(full.count()).isZero();
        long ranges = redis.call(c -> c.exists(ConsumerKeys.countedRanges(d.pipelineName())));
        assertThat(ranges).as("counted ranges left after the window closed").isZero();
    }

    @Test
    void changesReadAgainAfterTheirWindowClosedAreCountedInTheNextOne() {
        ConsumerDefinition d = definition(10, 5);
        Instant start = Instant.now();
        counter.count(d, null, changes(0, 4), null, 0, start);
        counter.count(d, null, List.of(), WindowCloseReason.MANUAL, 0, start);
        assertThat(counter.count(d, null, changes(0, 4), null, 0, start).count()).isEqualTo(4);

        // Closed by time on the call that reads them again: its part was lost, they count in the next window.
        WindowPlan late = counter.count(d, null, changes(0, 4), null, 0, start.plusMillis(5_000));
        assertThat(late.closes()).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo(WindowCloseReason.TIME));
        assertThat(late.count()).isEqualTo(4);
    }

    @Test
    void aDroppedWindowsChangesCountAgainWhileAnotherInstancesPartStays() {
        ConsumerDefinition d = definition(100, 3600);
        Instant now = Instant.now();
        List<ChangeEvent> mine = List.of(WindowAssemblerTest.change(0, 0), WindowAssemblerTest.change(0, 1),
                WindowAssemblerTest.change(0, 2), WindowAssemblerTest.change(0, 3));
        List<ChangeEvent> theirs = List.of(WindowAssemblerTest.change(1, 0), WindowAssemblerTest.change(1, 1),
                WindowAssemblerTest.change(1, 2));
        WindowPlan a = counter.count(d, null, mine, null, 0, now);
        WindowPlan b = counter.count(d, null, theirs, null, 0, now);
        assertThat(b.count()).isEqualTo(7);

        counter.forget(d, holding(a.windowId(), mine)); // a rebalance took partition 0 away
        assertThat(counter.count(d, null, mine, null, 0, now).count()).as("partition 0 read again by its new owner")
                .isEqualTo(7);
        assertThat(counter.count(d, null, theirs, null, 0, now).count()).as("partition 1 read again after a crash")
                .isEqualTo(7);
    }

    @Test
    void theCountedRangesAreRebuiltWithTheWindowWhenRedisLostTheState() {
        ConsumerDefinition d = definition(100, 3600);
        Instant now = Instant.now();
        WindowPlan first = counter.count(d, null, changes(0, 6), null, 0, now);
        redis.call(c -> c.del(ConsumerKeys.pipeline(d.pipelineName()), ConsumerKeys.countedRanges(d.pipelineName())));

        WindowPlan rebuilt = counter.count(d, holding(first.windowId(), changes(0, 6)), changes(6, 8), null, 0, now);
        assertThat(rebuilt.count()).isEqualTo(8);
        // Then that instance dies: its successor reads 0..8 again, only 8 is new.
        assertThat(counter.count(d, null, changes(0, 9), null, 0, now).count()).isEqualTo(9);
    }
}
