package io.spillway.change;

import java.util.ArrayList;
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
 * into {@link ParsedRecord}s. Pure and thread-safe: no Kafka client types, easy to unit-test.
 */
public final class DebeziumRecordParser {
    private static final JsonMapper json = JsonMapper.builder().build();
    private final SchemaCache schemas = new SchemaCache();

    public ParsedRecord parse(KafkaCoordinates at, byte[] key, byte[] value) {
        if (value == null) {
            return new ParsedRecord.Tombstone(at);
        }
        Envelope envelope;
        try {
            envelope = readEnvelope(value);
        } catch (JacksonException e) {
            return new ParsedRecord.Unparseable(at, "value is not JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (envelope == null) {
            return new ParsedRecord.Unparseable(at, "value is not a JSON object");
        }
        JsonNode payload = envelope.payload();
        if (payload == null || !payload.isObject()) {
            return new ParsedRecord.Unparseable(at, "payload is not a JSON object");
        }
        JsonNode opNode = payload.get("op");
        if (opNode == null || !opNode.isString()) {
            return notAChange(at, payload);
        }
        if ("m".equals(opNode.asString())) {
            return new ParsedRecord.NotAChange(at, "logical decoding message");
        }
        Op op = Op.fromCode(opNode.asString());
        if (op == null) {
            return new ParsedRecord.Unparseable(at, "unknown operation '" + opNode.asString() + "'");
        }
        JsonNode source = payload.get("source");
        if (source == null || !source.isObject() || !hasText(source, "table") || !hasText(source, "schema")) {
            return new ParsedRecord.Unparseable(at, "change event without source.schema/source.table");
        }
        TableId table = new TableId(text(source, "db"), text(source, "schema"), text(source, "table"));
        KeyPart keyPart;
        try {
            keyPart = parseKey(key);
        } catch (JacksonException e) {
            return new ParsedRecord.Unparseable(at, "key is not JSON: " + firstLine(e.getOriginalMessage()));
        }
        JsonNode before = objectOrNull(payload.get("before"));
        JsonNode after = objectOrNull(payload.get("after"));
        if (op.writesRow() && after == null) {
            return new ParsedRecord.Unparseable(at, "'" + op.code() + "' event without an 'after' row image");
        }
        if (op == Op.DELETE && before == null) {
            if (keyPart.payload() == null) {
                return new ParsedRecord.Unparseable(at, "delete event with neither a 'before' image nor a key");
            }
            before = keyPart.payload();
        }
        RowSchema schema = new RowSchema(envelope.columns(), keyPart.fields());
        int bytes = value.length + (key == null ? 0 : key.length);
        ChangeEvent event = new ChangeEvent(op, table, positionOf(source), keyPart.payload(), before, after,
                schema, at, bytes);
        return new ParsedRecord.Change(event);
    }

    /** The payload, and the columns of the embedded schema (empty without one). */
    private record Envelope(JsonNode payload, List<Column> columns) {
    }

    /**
     * Reads {"schema": ..., "payload": ...} as JsonConverter writes it, without building the schema's tree
     * when the same schema bytes were seen before; anything else is read whole as the payload itself
     * (schemas.enable=false). Null when the value is not a JSON object.
     */
    private Envelope readEnvelope(byte[] value) {
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            List<Column> columns = null;
            JsonNode payload = null;
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
                    payload = parser.readValueAsTree();
                } else {
                    onlySchemaAndPayload = false;
                }
            }
            if (onlySchemaAndPayload && columns != null && payload != null) {
                return new Envelope(payload, columns);
            }
        }
        JsonNode root = json.readTree(value);
        return root == null || !root.isObject() ? null : new Envelope(root, List.of());
    }

    private static List<Column> parseColumns(byte[] schemaBytes) {
        return columnsOf(json.readTree(schemaBytes));
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
        return new ParsedRecord.Unparseable(at, "no 'op' field: not a Debezium change event");
    }

    private record KeyPart(JsonNode payload, List<String> fields) {
    }

    private KeyPart parseKey(byte[] key) {
        if (key == null) {
            return new KeyPart(null, List.of());
        }
        Envelope envelope = readEnvelope(key);
        JsonNode payload = envelope == null ? null : envelope.payload();
        if (payload == null || !payload.isObject()) {
            return new KeyPart(null, List.of());
        }
        return new KeyPart(payload, new ArrayList<>(payload.propertyNames()));
    }

    private static SourcePosition positionOf(JsonNode source) {
        JsonNode lsn = source.get("lsn");
        JsonNode txId = source.get("txId");
        JsonNode ts = source.get("ts_ms");
        JsonNode snapshot = source.get("snapshot");
        boolean inSnapshot = snapshot != null && !snapshot.isNull()
                && !"false".equals(snapshot.asString()) && !snapshot.asString().isEmpty();
        return new SourcePosition(
                lsn == null || lsn.isNull() ? 0L : lsn.asLong(),
                txId == null || txId.isNull() ? null : txId.asLong(),
                ts == null || ts.isNull() ? 0L : ts.asLong(),
                inSnapshot);
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

    private static JsonNode objectOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static boolean hasText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() && !value.asString().isEmpty();
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
