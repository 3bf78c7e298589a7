package io.spillway.change;

import static io.spillway.change.EnvelopeFields.countOrNull;
import static io.spillway.change.EnvelopeFields.kind;
import static io.spillway.change.EnvelopeFields.objectOrNull;
import static io.spillway.change.EnvelopeFields.quote;
import static io.spillway.change.EnvelopeFields.requiredText;
import static io.spillway.change.EnvelopeFields.snapshotKind;
import static io.spillway.change.EnvelopeFields.textOrNull;

import io.spillway.change.EnvelopeFields.Malformed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses Debezium's JSON records, written with or without embedded schemas ({@code schemas.enable}),
 * into {@link ParsedRecord}s. Never throws: whatever a record holds (wrong types, invalid UTF-8, truncated
 * or huge JSON), what cannot become a change is {@link ParsedRecord.Unparseable} with a reason that names
 * the field and what is wrong with it. Pure and thread-safe: no Kafka client types, easy to unit-test.
 */
public final class DebeziumRecordParser {
    /** Longest reason: it travels in a Kafka header of the dead letter. */
    private static final int MAX_REASON = 500;
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final byte[] SCHEMA_PREFIX = "{\"schema\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD_PREFIX = ",\"payload\":".getBytes(StandardCharsets.US_ASCII);
    /**
     * What a parsed change holds in memory per byte of its payload's JSON (row images as trees): 2.7 measured
     * on records shaped like the benchmark's, rounded up. The embedded schema is not counted: one copy is
     * shared by all.
     */
    private static final int RETAINED_PER_PAYLOAD_BYTE = 3;
    private final SchemaCache schemas = new SchemaCache();
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
        Envelope envelope = readEnvelope("value", value);
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

    /**
     * The payload (or, without an envelope schema, the whole value), the columns of the embedded schema
     * (empty without one), and whether it came wrapped in {"schema", "payload"}.
     */
    private record Envelope(JsonNode payload, List<Column> columns, boolean wrapped, int payloadBytes) {
    }

    /** Reads {@code what} (the value or the key); not JSON (or empty) is {@link Malformed}, with where. */
    private Envelope readEnvelope(String what, byte[] bytes) {
        if (bytes.length == 0) {
            throw new Malformed(what + " is empty");
        }
        Envelope known = readKnownSchema(bytes, what.equals("value"));
        if (known != null) {
            return known;
        }
        Envelope wrapped = read(what, bytes, parser -> readWrapped(parser, bytes));
        if (wrapped != null) {
            return wrapped;
        }
        JsonNode root = read(what, bytes, parser -> parser.nextToken() == null ? null : parser.readValueAsTree());
        if (root == null) {
            throw new Malformed(what + " is empty");
        }
        return new Envelope(root, List.of(), false, bytes.length);
    }

    private interface ParserRead<T> {
        T apply(JsonParser parser);
    }

    private static <T> T read(String what, byte[] bytes, ParserRead<T> read) {
        try (JsonParser parser = json.createParser(bytes)) {
            try {
                return read.apply(parser);
            } catch (JacksonException e) {
                String where = parser.streamReadContext().pathAsPointer().toString();
                throw new Malformed(what + " is not JSON" + (where.isEmpty() ? "" : " at " + quote(where)) + ": "
                        + firstLine(e.getOriginalMessage()));
            }
        }
    }

    /**
     * The common case without a tokenizer pass over the schema (half the parsing time otherwise): JsonConverter's
     * compact {@code {"schema":S,"payload":P}} whose S is one of the schemas seen last, found by comparing bytes.
     * Null for anything else, and for anything the payload's reading refuses: the general reading then decides
     * and says what is wrong.
     */
    private Envelope readKnownSchema(byte[] value, boolean change) {
        if (!startsWith(value, 0, SCHEMA_PREFIX)) {
            return null;
        }
        SchemaCache.Entry schema = schemas.recentAt(value, SCHEMA_PREFIX.length);
        if (schema == null) {
            return null;
        }
        int payloadAt = SCHEMA_PREFIX.length + schema.bytes().length;
        if (!startsWith(value, payloadAt, PAYLOAD_PREFIX) || value[value.length - 1] != '}') {
            return null;
        }
        int from = payloadAt + PAYLOAD_PREFIX.length;
        try (JsonParser parser = json.createParser(value, from, value.length - 1 - from)) {
            if (parser.nextToken() == null) {
                return null;
            }
            JsonNode payload = change ? PayloadTrees.change(parser) : PayloadTrees.tree(parser);
            return payload != null && parser.nextToken() == null
                    ? new Envelope(payload, schema.columns(), true, value.length - 1 - from) : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        return bytes.length - at >= prefix.length && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
    }

    /**
     * Reads {"schema": ..., "payload": ...} as JsonConverter writes it, without building the schema's tree
     * when the same schema bytes were seen before. Null when the value is anything else (schemas.enable=false).
     */
    private Envelope readWrapped(JsonParser parser, byte[] value) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        List<Column> columns = null;
        JsonNode payload = null;
        int payloadBytes = 0;
        boolean onlySchemaAndPayload = true;
        while (onlySchemaAndPayload && parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if ("schema".equals(name) && token == JsonToken.START_OBJECT && columns == null) {
                int from = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int to = (int) parser.currentLocation().getByteOffset();
                columns = schemas.columns(value, from, to, DebeziumRecordParser::parseColumns);
            } else if ("payload".equals(name) && payload == null) {
                long from = parser.currentTokenLocation().getByteOffset();
                payload = parser.readValueAsTree();
                payloadBytes = (int) (parser.currentLocation().getByteOffset() - from);
            } else {
                onlySchemaAndPayload = false;
            }
        }
        if (onlySchemaAndPayload && columns != null && payload != null) {
            return new Envelope(payload, columns, true, payloadBytes);
        }
        return null;
    }

    private static List<Column> parseColumns(byte[] schemaBytes) {
        try {
            return columnsOf(json.readTree(schemaBytes));
        } catch (JacksonException e) {
            throw new Malformed("schema is not JSON: " + firstLine(e.getOriginalMessage()));
        } catch (RuntimeException e) {
            throw new Malformed("schema is not a Connect schema: " + e.getClass().getSimpleName() + ": "
                    + firstLine(e.getMessage()));
        }
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
        Envelope envelope = readEnvelope("key", key);
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

    /** The columns of the envelope's 'after' (or 'before') struct, in source order. */
    static List<Column> columnsOf(JsonNode envelopeSchema) {
        if (envelopeSchema == null || !envelopeSchema.has("fields")) {
            return List.of();
        }
        for (String image : List.of("after", "before")) {
            for (JsonNode field : envelopeSchema.get("fields")) {
                if (image.equals(text(field, "field")) && field.has("fields")) {
                    List<Column> columns = new ArrayList<>();
                    for (JsonNode column : field.get("fields")) {
                        columns.add(columnOf(column));
                    }
                    return List.copyOf(columns);
                }
            }
        }
        return List.of();
    }

    private static Column columnOf(JsonNode field) {
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode params = field.get("parameters");
        if (params != null && params.isObject()) {
            for (Map.Entry<String, JsonNode> entry : params.properties()) {
                parameters.put(entry.getKey(), entry.getValue().asString());
            }
        }
        String itemType = null;
        JsonNode items = field.get("items");
        if (items != null && items.isObject()) {
            String itemName = text(items, "name");
            itemType = text(items, "type") + (itemName == null ? "" : ":" + itemName);
        }
        JsonNode optional = field.get("optional");
        return new Column(text(field, "field"), text(field, "type"), text(field, "name"),
                Map.copyOf(parameters), optional == null || optional.asBoolean(), itemType);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
