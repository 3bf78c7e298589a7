package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.change.ChangeEvent;
import io.spillway.change.Op;
import io.spillway.change.SnapshotKind;
import io.spillway.support.IncrementalSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What Debezium 3.6 puts in the records of an incremental snapshot, seen on the real stack. */
class IncrementalSnapshotReadsIT extends CdcFixture {

    @Test
    void incrementalReadsCarryTheirKindAndNoLsn() throws Exception {
        String suffix = uniqueSuffix();
        String table = "incr_" + suffix;
        String signal = "signal_" + suffix;
        createSourceTable(table, "id integer PRIMARY KEY, v text");
        source("INSERT INTO public." + table + " SELECT g, 'v' || g FROM generate_series(1, 30) g");
        IncrementalSnapshots.createSignalTable(signal);
        Map<String, String> settings = new HashMap<>(IncrementalSnapshots.signalSettings(signal));
        settings.put("snapshot.mode", "no_data");
        settings.put("incremental.snapshot.chunk.size", "10");
        try (Capture capture = new Capture(table, settings)) {
            source("UPDATE public." + table + " SET v = 'streamed' WHERE id = 1");
            List<ChangeEvent> streamed = capture.readUntil(1);
            IncrementalSnapshots.startIncrementalSnapshot(signal, List.of("public." + table));
            List<ChangeEvent> all = capture.readUntil(31);
            while (readsOf(all, table).size() < 30) { // the signal table's records arrive in between
                all = capture.readUntil(all.size() + 1);
            }
            List<ChangeEvent> reads = readsOf(all, table);
            assertThat(reads).extracting(e -> e.key().get("id").asInt()).containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, 30).boxed().toList());
            assertThat(reads).allSatisfy(read -> {
                assertThat(read.position().snapshotKind()).isEqualTo(SnapshotKind.INCREMENTAL);
                assertThat(read.position().lsn()).as("no LSN in an incremental read").isZero();
                assertThat(read.position().txId()).isNull();
            });
            assertThat(reads.stream().filter(r -> r.key().get("id").asInt() == 1).findFirst().orElseThrow()
                    .after().get("v").asString()).isEqualTo("streamed");
            JsonNode source = rawValue(capture.prefix + ".public." + table, reads.get(0).coordinates().offset())
                    .get("payload").get("source");
            assertThat(source.get("snapshot").asString()).isEqualTo("incremental");
            assertThat(source.get("lsn").isNull()).as("source.lsn: " + source.get("lsn")).isTrue();
            assertThat(source.get("txId").isNull()).as("source.txId: " + source.get("txId")).isTrue();
            assertThat(streamed.get(0).op()).isEqualTo(Op.UPDATE);
            assertThat(streamed.get(0).position().snapshotKind()).isEqualTo(SnapshotKind.NONE);
            assertThat(streamed.get(0).position().lsn()).isPositive();
            // The chunk watermarks Debezium writes into the signal table are captured like any change: a
            // consumer whose topic pattern matches the signal table's topic sees them.
            assertThat(all).anySatisfy(e -> assertThat(e.table().table()).isEqualTo(signal));
        }
    }

    private static List<ChangeEvent> readsOf(List<ChangeEvent> events, String table) {
        return events.stream().filter(e -> e.table().table().equals(table) && e.op() == Op.READ).toList();
    }

    /** The record at {@code offset} of partition 0 of {@code topic}, as Debezium wrote it. */
    private static JsonNode rawValue(String topic, long offset) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() == offset) {
                        return JsonMapper.builder().build().readTree(record.value());
                    }
                }
            }
        }
        throw new AssertionError("no record at " + topic + "@" + offset);
    }
}
