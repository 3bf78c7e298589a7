package io.spillway.consumer.engine;

import io.spillway.change.ChangeEvent;
import io.spillway.change.DebeziumRecordParser;
import io.spillway.change.KafkaCoordinates;
import io.spillway.change.ParsedRecord;
import io.spillway.consumer.ConsumerDefinition;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Parses a polled batch and routes each record: a row change goes on to the window, a tombstone, heartbeat
 * or transaction record is skipped, an unparseable record goes to the dead-letter topic (retried until
 * Kafka acknowledges it, since its offset is committed with the batch). No record can end the loop: one
 * that makes parsing throw is dead-lettered too, with reason "unexpected: ...".
 */
final class RecordRouter {
    /** How a record is read; the parser, or a stand-in in tests. */
    interface Parser {
        ParsedRecord parse(KafkaCoordinates at, byte[] key, byte[] value);
    }

    /** A routed batch: its row changes in order, their approximate size, and how many were dead-lettered. */
    record Batch(List<ChangeEvent> changes, long bytes, int deadLettered) {
    }

    private final ConsumerDefinition definition;
    private final DeadLetterPublisher deadLetters;
    private final LiveStatus status;
    private final Parser parser;

    RecordRouter(ConsumerDefinition definition, DeadLetterPublisher deadLetters, LiveStatus status) {
        this(definition, deadLetters, status, new DebeziumRecordParser()::parse);
    }

    RecordRouter(ConsumerDefinition definition, DeadLetterPublisher deadLetters, LiveStatus status, Parser parser) {
        this.definition = definition;
        this.deadLetters = deadLetters;
        this.status = status;
        this.parser = parser;
    }

    Batch route(ConsumerRecords<byte[], byte[]> records, BackpressureRetry retry) throws BackpressureRetry.Abandoned {
        List<ChangeEvent> changes = new ArrayList<>();
        int dead = 0;
        long bytes = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            status.recordIn();
            KafkaCoordinates at = new KafkaCoordinates(record.topic(), record.partition(), record.offset());
            ParsedRecord parsed = parse(at, record);
            if (parsed instanceof ParsedRecord.Change change) {
                changes.add(change.event());
                bytes += change.event().approximateBytes();
            } else if (parsed instanceof ParsedRecord.Unparseable bad) {
                retry.call("sending an unparseable record to " + DeadLetterPublisher.topicFor(record.topic()), () -> {
                    deadLetters.send(definition.consumerId(), record, bad.reason());
                    return null;
                });
                status.deadLettered();
                dead++;
            } else {
                status.skipped(); // tombstone, heartbeat, transaction metadata
            }
        }
        status.changesIn(changes.size());
        return new Batch(changes, bytes, dead);
    }

    private ParsedRecord parse(KafkaCoordinates at, ConsumerRecord<byte[], byte[]> record) {
        try {
            ParsedRecord parsed = parser.parse(at, record.key(), record.value());
            return parsed != null ? parsed : new ParsedRecord.Unparseable(at, "unexpected: the parser gave no result");
        } catch (RuntimeException e) {
            // The parser is meant to never throw; if it does, this record is dead-lettered, not the consumer.
            return new ParsedRecord.Unparseable(at, "unexpected: " + RunnerError.firstLine(e));
        }
    }
}
