package io.spillway.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records on the change topic that no parser can turn into a change (issue 9, item 2): not JSON, JSON cut
 * short, a Debezium envelope whose {@code source.lsn} is an object, and one whose {@code after} is an
 * array. Their key is an id the load never writes, so one that slipped through would show in the target.
 */
final class MalformedRecords {
    static final String KEY = "{\"id\": 2000000000}";
    private static final String ENVELOPE = "{\"before\": null, \"after\": %s, \"source\": {\"version\": \"3.0\","
            + " \"connector\": \"postgresql\", \"name\": \"db\", \"ts_ms\": 1700000000000, \"snapshot\": \"false\","
            + " \"db\": \"mydatabase\", \"schema\": \"public\", \"table\": \"person12\", \"txId\": 1, \"lsn\": %s},"
            + " \"op\": \"c\", \"ts_ms\": 1700000000000}";
    private static final String ROW = "{\"id\": 2000000000, \"name\": \"malformed\", \"email\": null, \"age\": 1,"
            + " \"created_at\": \"2025-01-01T00:00:00Z\"}";

    private MalformedRecords() {
    }

    static List<ProducerRecord<byte[], byte[]>> all() {
        return List.of(
                record("this is not JSON {"),
                record("{\"payload\": {\"op\": \"c\", \"after\": {\"id\": 2000000000"),
                record(ENVELOPE.formatted(ROW, "{\"lsn\": 12345}")),
                record(ENVELOPE.formatted("[1, 2, 3]", "12345")));
    }

    static int count() {
        return all().size();
    }

    private static ProducerRecord<byte[], byte[]> record(String value) {
        return new ProducerRecord<>(PipelineSetup.TOPIC, KEY.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
