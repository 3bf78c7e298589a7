package io.spillway.change;

import static io.spillway.change.EnvelopeFields.countOrNull;
import static io.spillway.change.EnvelopeFields.firstLine;
import static io.spillway.change.EnvelopeFields.kind;
import static io.spillway.change.EnvelopeFields.objectOrNull;
import static io.spillway.change.EnvelopeFields.quote;
import static io.spillway.change.EnvelopeFields.requiredText;
import static io.spillway.change.EnvelopeFields.snapshotKind;
import static io.spillway.change.EnvelopeFields.textOrNull;

import io.spillway.change.EnvelopeFields.Malformed;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Parses Debezium's JSON records, written with or without embedded schemas ({@code schemas.enable}),
 * into {@link ParsedRecord}s. Never throws: whatever a record holds (wrong types, invalid UTF-8, truncated
 * or huge JSON), what cannot become a change is {@link ParsedRecord.Unparseable} with a reason that names
 * the field and what is wrong with it. Pure and thread-safe: no Kafka client types, easy to unit-test.
 * Reading the envelope's bytes (schema and payload) is {@link EnvelopeReader}'s; this class decides what the
 * payload is (a change, a tombstone, transaction metadata, ...) and checks the fields a change needs.
 */
public final class DebeziumRecordParser {
    /** Longest reason: it travels in a Kafka header of the dead letter. */
    private static final int MAX_REASON = 500;
    /**
     * What a parsed change holds in memory per byte of its payload's JSON (row images as trees): 2.7 measured
     * on records shaped like the benchmark's, rounded up. The embedded schema is not counted: one copy is
     * shared by all.
     */
    private static final int RETAINED_PER_PAYLOAD_BYTE = 3;
    private final EnvelopeReader envelopes = new EnvelopeReader();
    private TableId lastTable;

    public ParsedRecord parse(KafkaCoordinates at, byte[] key, byte[] value) {
        if (value == null) {
            return new ParsedRecord.Tombstone(at);
        }
        try {
            return parseValue(at, key, value);
        } catch (Malformed e) {
            return unparseable(at, e.getMessage());
        } catch (RuntimeException e) {
            // A case the checks above missed: still a dead letter, never a dead consumer.
            return unparseable(at, "unexpected: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
        }
    }

    private ParsedRecord parseValue(KafkaCoordinates at, byte[] key, byte[] value) {
        EnvelopeReader.Envelope envelope = envelopes.read("value", value);
        JsonNode payload = envelope.payload();
        if (!payload.isObject()) {
            throw new Malformed((envelope.wrapped() ? "payload" : "value") + " is " + kind(payload)
                    + ", expected a JSON object");
        }
        JsonNode opNode = payload.get("op");
        if (opNode == null || opNode.isNull()) {
            return notAChange(at, payload);
        }
        if (!opNode.isString()) {
            throw new Malformed("op is " + kind(opNode) + ", expected a string");
        }
        if ("m".equals(opNode.asString())) {
            return new ParsedRecord.NotAChange(at, "logical decoding message");
        }
        Op op = Op.fromCode(opNode.asString());
        if (op == null) {
            throw new Malformed("op '" + quote(opNode.asString()) + "' is not a Debezium operation (c, u, d, r, t)");
        }
        JsonNode source = payload.get("source");
        if (source == null || source.isNull()) {
            throw new Malformed("source is missing: a change event names its source.schema and source.table");
        }
        if (!source.isObject()) {
            throw new Malformed("source is " + kind(source) + ", expected an object");
        }
        TableId table = sameAsLast(new TableId(textOrNull(source, "source.db", "db"),
                requiredText(source, "source.schema", "schema"), requiredText(source, "source.table", "table")));
        SourcePosition position = positionOf(source);
        JsonNode before = objectOrNull(payload, "before", "before");
        JsonNode after = objectOrNull(payload, "after", "after");
        KeyPart keyPart = parseKey(key);
        if (op.writesRow() && after == null) {
            throw new Malformed("after is missing: a '" + op.code() + "' event needs an 'after' row image");
        }
        if (op == Op.DELETE && before == null) {
            if (keyPart.payload() == null) {
                throw new Malformed("before is missing: a delete event needs a 'before' image or a key");
            }
            before = keyPart.payload();
        }
        RowSchema schema = new RowSchema(envelope.columns(), keyPart.fields());
        int bytes = RETAINED_PER_PAYLOAD_BYTE * (envelope.payloadBytes() + keyPart.payloadBytes());
        return new ParsedRecord.Change(new ChangeEvent(op, table, position, keyPart.payload(), before, after, schema,
                at, bytes));
    }

    /**
     * The table of the record before when it is the same: the changes of a table then share one TableId, whose
     * strings' hashes are worked out once (windows group changes by table), and hold it once.
     */
    private TableId sameAsLast(TableId table) {
        TableId last = lastTable; // read once: another thread may set it, and a TableId is immutable
        if (table.equals(last)) {
            return last;
        }
        lastTable = table;
        return table;
    }

    private static ParsedRecord unparseable(KafkaCoordinates at, String reason) {
        String r = reason == null ? "unknown" : reason;
        return new ParsedRecord.Unparseable(at, r.length() <= MAX_REASON ? r : r.substring(0, MAX_REASON) + "...");
    }

    private static ParsedRecord notAChange(KafkaCoordinates at, JsonNode payload) {
        if (payload.has("status") && payload.has("id")) {
            return new ParsedRecord.NotAChange(at, "transaction metadata");
        }
        if (payload.size() == 1 && payload.has("ts_ms")) {
            return new ParsedRecord.NotAChange(at, "heartbeat");
        }
        if (payload.has("ddl") || payload.has("databaseName")) {
            return new ParsedRecord.NotAChange(at, "schema change");
        }
        return unparseable(at, "op is missing: not a Debezium change event (no 'op' field)");
    }

    private record KeyPart(JsonNode payload, List<String> fields, int payloadBytes) {
    }

    /** The key's payload: an object (the primary key's columns), or none for a null key or JSON null. */
    private KeyPart parseKey(byte[] key) {
        if (key == null) {
            return new KeyPart(null, List.of(), 0);
        }
        EnvelopeReader.Envelope envelope = envelopes.read("key", key);
        JsonNode payload = envelope.payload();
        if (payload.isNull()) {
            return new KeyPart(null, List.of(), 0);
        }
        if (!payload.isObject()) {
            throw new Malformed((envelope.wrapped() ? "key payload" : "key") + " is " + kind(payload)
                    + ", expected an object or null");
        }
        return new KeyPart(payload, new ArrayList<>(payload.propertyNames()), envelope.payloadBytes());
    }

    private static SourcePosition positionOf(JsonNode source) {
        Long lsn = countOrNull(source, "source.lsn", "lsn");
        Long txId = countOrNull(source, "source.txId", "txId");
        Long ts = countOrNull(source, "source.ts_ms", "ts_ms");
        return new SourcePosition(lsn == null ? 0L : lsn, txId, ts == null ? 0L : ts,
                snapshotKind(source, "source.snapshot"));
    }
}
