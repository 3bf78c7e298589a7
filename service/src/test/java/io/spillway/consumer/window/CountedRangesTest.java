package io.spillway.consumer.window;

import static io.spillway.consumer.window.WindowAssemblerTest.change;
import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.change.ChangeEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountedRangesTest {
    @Test
    void consecutiveOffsetsOfOnePartitionAreOneRunWhateverTheirNumber() {
        assertThat(CountedRanges.runs(WindowAssemblerTest.changes(0, 500)))
                .containsExactly(new CountedRanges.Run("topic:0", 0, 500));
    }

    @Test
    void aGapOrAnotherPartitionStartsANewRunAndThePollsOrderIsKept() {
        List<ChangeEvent> changes = List.of(change(0, 4), change(0, 5), change(0, 7), change(1, 8), change(1, 9),
                change(0, 8));
        assertThat(CountedRanges.runs(changes)).containsExactly(new CountedRanges.Run("topic:0", 4, 2),
                new CountedRanges.Run("topic:0", 7, 1), new CountedRanges.Run("topic:1", 8, 2),
                new CountedRanges.Run("topic:0", 8, 1));
        assertThat(CountedRanges.runs(List.of())).isEmpty();
    }

    @Test
    void theArgumentsCarryTheRunsThenTheHeldWindowsRangePerPartition() {
        LocalWindow held = new LocalWindow("w", Instant.EPOCH);
        List.of(change(2, 10), change(2, 11), change(2, 14)).forEach(held::add);

        assertThat(CountedRanges.args(List.of(change(2, 15), change(2, 16)), held))
                .containsExactly("1", "topic:2", "15", "2", "1", "topic:2", "10", "15");
        assertThat(CountedRanges.args(List.of(), null)).containsExactly("0", "0");
    }
}
