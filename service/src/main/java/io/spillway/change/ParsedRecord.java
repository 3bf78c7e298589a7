package io.spillway.change;

/** What a Kafka record on a Debezium topic turned out to be. */
public sealed interface ParsedRecord {
    KafkaCoordinates coordinates();

    /** A row change (c, u, d, r) or a truncate (t): counted in the window and handed to the job. */
    record Change(ChangeEvent event) implements ParsedRecord {
        @Override
        public KafkaCoordinates coordinates() {
            return event.coordinates();
        }
    }

    /** The null-valued record Debezium writes after a delete, for log compaction: not a change. */
    record Tombstone(KafkaCoordinates coordinates) implements ParsedRecord {
    }

    /** A record that is not a row change (heartbeat, transaction metadata, logical message): skipped. */
    record NotAChange(KafkaCoordinates coordinates, String kind) implements ParsedRecord {
    }

    /** A record that cannot be understood: goes to the dead-letter topic with this reason. */
    record Unparseable(KafkaCoordinates coordinates, String reason) implements ParsedRecord {
    }
}
