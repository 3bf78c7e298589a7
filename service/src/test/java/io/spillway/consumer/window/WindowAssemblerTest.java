package io.spillway.consumer.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.change.ChangeEvent;
import io.spillway.change.KafkaCoordinates;
import io.spillway.change.Op;
import io.spillway.change.RowSchema;
import io.spillway.change.SourcePosition;
import io.spillway.change.TableId;
import io.spillway.pipeline.Window;
import io.spillway.pipeline.WindowCloseReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class WindowAssemblerTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    static ChangeEvent change(int partition, long offset) {
        return new ChangeEvent(Op.CREATE, new TableId("db", "public", "t"), new SourcePosition(offset, 1L, 0, false),
                null, null, null, RowSchema.UNKNOWN, new KafkaCoordinates("topic", partition, offset), 100);
    }

    static List<ChangeEvent> changes(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> change(0, i)).toList();
    }

    @Test
    void twentyFiveChangesWithMaxTenSplitIntoTwoClosedWindowsAndAnOpenOne() {
        WindowPlan plan = new WindowPlan("w1", null, List.of(
                new WindowPlan.Close("w1", WindowCloseReason.COUNT, 10),
                new WindowPlan.Close("w2", WindowCloseReason.COUNT, 10)), "w3", 5, 1);

        WindowAssembler.Assembly result = WindowAssembler.apply(null, plan, changes(0, 25), NOW);

        assertThat(result.closed()).extracting(Window::windowId).containsExactly("w1", "w2");
        assertThat(result.closed()).allSatisfy(w -> assertThat(w.events()).hasSize(10));
        assertThat(result.closed().get(1).events().get(0).coordinates().offset()).isEqualTo(10);
        assertThat(result.open().windowId()).isEqualTo("w3");
        assertThat(result.open().size()).isEqualTo(5);
        assertThat(result.open().firstOffsets()).containsEntry(new TopicPartition("topic", 0), 20L);
    }

    @Test
    void theOpenWindowIsFilledUpBeforeItClosesOnCount() {
        LocalWindow open = new LocalWindow("w1", NOW);
        changes(0, 7).forEach(open::add);
        WindowPlan plan = new WindowPlan("w1", null, List.of(new WindowPlan.Close("w1", WindowCloseReason.COUNT, 3)),
                "w2", 2, 1);

        WindowAssembler.Assembly result = WindowAssembler.apply(open, plan, changes(7, 12), NOW);

        assertThat(result.closed()).hasSize(1);
        assertThat(result.closed().get(0).events()).extracting(e -> e.coordinates().offset())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(result.open().size()).isEqualTo(2);
        assertThat(result.open().windowId()).isEqualTo("w2");
    }

    @Test
    void aWindowClosedElsewhereClosesHereWithTheSameReasonBeforeNewChangesJoinTheNextOne() {
        LocalWindow open = new LocalWindow("w1", NOW);
        changes(0, 4).forEach(open::add);
        WindowPlan plan = new WindowPlan("w2", WindowCloseReason.TIME, List.of(), "w2", 6, 1);

        WindowAssembler.Assembly result = WindowAssembler.apply(open, plan, changes(4, 6), NOW);

        assertThat(result.closed()).singleElement().satisfies(w -> {
            assertThat(w.windowId()).isEqualTo("w1");
            assertThat(w.reason()).isEqualTo(WindowCloseReason.TIME);
            assertThat(w.events()).hasSize(4);
        });
        assertThat(result.open().windowId()).isEqualTo("w2");
        assertThat(result.open().size()).isEqualTo(2);
    }

    @Test
    void aTimeCloseWithoutNewChangesClosesTheHeldWindow() {
        LocalWindow open = new LocalWindow("w1", NOW);
        changes(0, 3).forEach(open::add);
        WindowPlan plan = new WindowPlan("w1", null, List.of(new WindowPlan.Close("w1", WindowCloseReason.TIME, 0)),
                "w2", 0, 0);

        WindowAssembler.Assembly result = WindowAssembler.apply(open, plan, List.of(), NOW);

        assertThat(result.closed()).singleElement().satisfies(w -> assertThat(w.reason()).isEqualTo(WindowCloseReason.TIME));
        assertThat(result.open()).isNull();
    }

    @Test
    void aForcedCloseTakesTheNewChangesWithIt() {
        LocalWindow open = new LocalWindow("w1", NOW);
        changes(0, 3).forEach(open::add);
        WindowPlan plan = new WindowPlan("w1", null,
                List.of(new WindowPlan.Close("w1", WindowCloseReason.MEMORY, 4)), "w2", 0, 0);

        WindowAssembler.Assembly result = WindowAssembler.apply(open, plan, changes(3, 7), NOW);

        assertThat(result.closed()).singleElement().satisfies(w -> {
            assertThat(w.reason()).isEqualTo(WindowCloseReason.MEMORY);
            assertThat(w.events()).hasSize(7);
        });
        assertThat(result.open()).isNull();
    }

    @Test
    void whenAnotherInstanceRebuiltTheStateOurWindowJoinsItsWindow() {
        LocalWindow open = new LocalWindow("old", NOW);
        changes(0, 2).forEach(open::add);
        WindowPlan plan = new WindowPlan("rebuilt", null, List.of(), "rebuilt", 5, 1);

        WindowAssembler.Assembly result = WindowAssembler.apply(open, plan, changes(2, 3), NOW);

        assertThat(result.closed()).isEmpty();
        assertThat(result.open().windowId()).isEqualTo("rebuilt");
        assertThat(result.open().size()).isEqualTo(3);
    }

    @Test
    void aCountCloseOnAnotherInstanceWithNoChangesHereRunsNothing() {
        WindowPlan plan = new WindowPlan("w1", null, List.of(new WindowPlan.Close("w1", WindowCloseReason.COUNT, 0)),
                "w2", 0, 0);
        assertThat(WindowAssembler.apply(null, plan, List.of(), NOW).closed()).isEmpty();
    }

    @Test
    void thePlanIsReadFromTheScriptsFlatReply() {
        List<Object> reply = new ArrayList<>(List.of("w1", "", "w3", 5L, 1700L, "w1", "count", 10L, "w2", "time", 0L));
        WindowPlan plan = WindowPlan.fromReply(reply);
        assertThat(plan.callerWindowClosed()).isNull();
        assertThat(plan.closes()).containsExactly(new WindowPlan.Close("w1", WindowCloseReason.COUNT, 10),
                new WindowPlan.Close("w2", WindowCloseReason.TIME, 0));
        assertThat(plan.windowId()).isEqualTo("w3");
        assertThat(plan.count()).isEqualTo(5);
        assertThat(plan.openedMs()).isEqualTo(1700);
        assertThat(WindowPlan.fromReply(List.of("w1", "manual", "w2", 0L, 0L)).callerWindowClosed())
                .isEqualTo(WindowCloseReason.MANUAL);
    }
}
