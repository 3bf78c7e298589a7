package io.spillway.consumer.window;

import io.spillway.change.ChangeEvent;
import io.spillway.change.KafkaCoordinates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What the window script needs to tell a change it counted already (read again after a crash) from a new
 * one: the poll's changes as runs of consecutive offsets per partition, in poll order, and the offset
 * ranges of the caller's open window. A run costs three script arguments, so a poll of one partition
 * without gaps costs three whatever its size; a skipped record (a tombstone) starts a new run.
 */
final class CountedRanges {
    private CountedRanges() {
    }

    /** Consecutive offsets {@code [first, first + length)} of one partition. */
    record Run(String partition, long first, int length) {
    }

    /** Offsets {@code [first, next)} of one partition held in a window. */
    record Range(long first, long next) {
    }

    /** The script's field for a partition: {@code <topic>:<partition>} (topic names hold no colon). */
    static String field(TopicPartition tp) {
        return tp.topic() + ":" + tp.partition();
    }

    static List<Run> runs(List<ChangeEvent> changes) {
        List<Run> runs = new ArrayList<>();
        String partition = null;
        long first = 0;
        int length = 0;
        for (ChangeEvent change : changes) {
            KafkaCoordinates at = change.coordinates();
            String field = at.topic() + ":" + at.partition();
            if (field.equals(partition) && at.offset() == first + length) {
                length++;
                continue;
            }
            if (partition != null) {
                runs.add(new Run(partition, first, length));
            }
            partition = field;
            first = at.offset();
            length = 1;
        }
        if (partition != null) {
            runs.add(new Run(partition, first, length));
        }
        return runs;
    }

    /** ARGV from 19 on: the run count and the runs, then the held partition count and their ranges. */
    static List<String> args(List<ChangeEvent> changes, LocalWindow held) {
        List<Run> runs = runs(changes);
        List<String> args = new ArrayList<>(2 + 3 * runs.size());
        args.add(String.valueOf(runs.size()));
        for (Run run : runs) {
            args.add(run.partition());
            args.add(String.valueOf(run.first()));
            args.add(String.valueOf(run.length()));
        }
        Map<TopicPartition, Range> ranges = held == null ? Map.of() : held.ranges();
        args.add(String.valueOf(ranges.size()));
        ranges.forEach((tp, range) -> {
            args.add(field(tp));
            args.add(String.valueOf(range.first()));
            args.add(String.valueOf(range.next()));
        });
        return args;
    }
}
