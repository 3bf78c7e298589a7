package io.spillway.change;

import static io.spillway.change.EnvelopeFields.firstLine;
import static io.spillway.change.EnvelopeFields.quote;

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
 * Reads a record's value or key as JsonConverter writes it: {@code {"schema": S, "payload": P}}
 * ({@code schemas.enable}) or the bare payload. The schema's columns are worked out once per distinct schema
 * ({@link SchemaCache}); a value whose schema is one of the last seen is read without a tokenizer pass over it.
 * Thread-safe, as the cache is.
 */
final class EnvelopeReader {
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final byte[] SCHEMA_PREFIX = "{\"schema\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD_PREFIX = ",\"payload\":".getBytes(StandardCharsets.US_ASCII);
    private final SchemaCache schemas = new SchemaCache();

    /**
     * The payload (or, without an envelope schema, the whole value), the columns of the embedded schema
     * (empty without one), and whether it came wrapped in {"schema", "payload"}.
     */
    record Envelope(JsonNode payload, List<Column> columns, boolean wrapped, int payloadBytes) {
    }

    /** Reads {@code what} (the value or the key); not JSON (or empty) is {@link Malformed}, with where. */
    Envelope read(String what, byte[] bytes) {
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
                columns = schemas.columns(value, from, to, EnvelopeReader::parseColumns);
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

    /** The columns of the envelope's 'after' (or 'before') struct, in source order. */
    private static List<Column> columnsOf(JsonNode envelopeSchema) {
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
}
