package io.spillway.change;

import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parser's fast path builds its trees here, from the tokens: the trees readValueAsTree would give, for less
 * (the profile's largest costs after the schema was no longer tokenized). Throws what the parser throws on bad
 * JSON; the caller then lets the general reading say what is wrong.
 */
final class PayloadTrees {
    /** The fields of a change's source block the parser reads (its position, table and snapshot kind). */
    private static final Set<String> SOURCE_FIELDS = Set.of("db", "schema", "table", "lsn", "txId", "ts_ms", "snapshot");
    private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

    private PayloadTrees() {
    }

    /**
     * A change's payload as a tree of only what a change is made of (before, after, op, and source's db, schema,
     * table, lsn, txId, ts_ms and snapshot): the rest of source, the transaction and the timestamps, about a
     * third of the payload, are stepped over, not built. Null when it is not an object with an op, which the
     * general reading then looks at whole (a heartbeat, transaction metadata, ...).
     */
    static JsonNode change(JsonParser parser) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        ObjectNode payload = nodes.objectNode();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (name) {
                case "before", "after" -> payload.set(name, tree(parser));
                case "op" -> payload.set(name, scalarOrTree(parser));
                case "source" -> payload.set(name, token == JsonToken.START_OBJECT ? source(parser)
                        : tree(parser));
                default -> parser.skipChildren();
            }
        }
        JsonNode op = payload.get("op");
        return op == null || op.isNull() ? null : payload;
    }

    private static ObjectNode source(JsonParser parser) {
        ObjectNode source = nodes.objectNode();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (SOURCE_FIELDS.contains(name)) {
                source.set(name, scalarOrTree(parser));
            } else {
                parser.skipChildren();
            }
        }
        return source;
    }

    /**
     * The tree readValueAsTree gives, built here from the tokens: each readValueAsTree call sets up a databind
     * context (finding the root deserializer), which cost more than building a row image's dozen nodes.
     * Duplicate names: the last one wins, as there.
     */
    static JsonNode tree(JsonParser parser) {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, tree(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (token == null) {
                        return null; // cut short (the parser says so first): the general reading tells what is wrong
                    }
                    array.add(tree(parser));
                }
                return array;
            }
            default -> {
                return scalarOrTree(parser);
            }
        }
    }

    /** The node readValueAsTree gives, made here for the common scalars (see {@link #tree}). */
    private static JsonNode scalarOrTree(JsonParser parser) {
        return switch (parser.currentToken()) {
            case VALUE_STRING -> nodes.textNode(parser.getString());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> parser.readValueAsTree();
            };
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> parser.readValueAsTree();
        };
    }
}
