package io.spillway.api.fuzz;

import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Values for generated requests: a plausible one from a schema (its example, its enum, a name from a small
 * pool so requests meet each other's resources), and the hostile ones that replace it.
 */
final class FuzzValues {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Strings that break naive code: traversal, encodings, control and bidi characters, injections, sizes. */
    static final List<String> HOSTILE = List.of("", " ", "../../etc/passwd", "..%2F..%2Fhealth", "%00", "a\u0000b",
            "名前", "\uD83E\uDD86\uD83E\uDD86", "\u202Eevil", "' OR 1=1 --", "\"; DROP TABLE x; --", "${jndi:ldap://x/a}",
            "<script>alert(1)</script>", "x/y", "\\", "%", "null", "-1", "1e309", "spillway:connection:*", "*",
            ".", "..", "\r\nX-Injected: 1", "a".repeat(10_000), "é".repeat(70_000), "\uD800");

    private final Random random;
    private final Secrets secrets;

    /** The secrets the requests carry, so the test can look for them in every answer and log line. */
    record Secrets(String postgresPassword, String httpToken, String redisPassword, String debeziumPassword) {
        List<String> all() {
            return List.of(postgresPassword, httpToken, redisPassword, debeziumPassword);
        }
    }

    FuzzValues(Random random, Secrets secrets) {
        this.random = random;
        this.secrets = secrets;
    }

    String hostile() {
        return HOSTILE.get(random.nextInt(HOSTILE.size()));
    }

    /** A name from a pool of five per kind, so creates, reads and deletes of generated requests meet. */
    String pooled(String kind) {
        return "fz-" + kind + "-" + random.nextInt(5);
    }

    /** A plausible value for a parameter or property called {@code name} with this (resolved) schema. */
    JsonNode plausible(String name, JsonNode schema, OpenApiOperations doc, int depth) {
        JsonNode named = byName(name, schema);
        if (named != null) {
            return named;
        }
        if (schema.has("oneOf")) {
            return oneOf(schema, doc, depth);
        }
        if (schema.has("allOf")) {
            return allOf(schema, doc, depth);
        }
        if (schema.has("example") && !schema.get("example").isNull()) {
            return withSecrets(schema.get("example").deepCopy());
        }
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        return switch (type(schema)) {
            case "object" -> object(schema, doc, depth);
            case "array" -> JSON.arrayNode().add(plausible(name, doc.resolve(schema.path("items")), doc, depth + 1));
            case "integer" -> JSON.numberNode(schema.has("minimum") ? schema.get("minimum").asLong() : 10);
            case "number" -> JSON.numberNode(1.5);
            case "boolean" -> JSON.booleanNode(random.nextBoolean());
            default -> JSON.stringNode("fz-" + Integer.toString(random.nextInt(1000), 36));
        };
    }

    private JsonNode byName(String name, JsonNode schema) {
        return switch (name) {
            case "connection_id" -> JSON.stringNode(pooled("conn"));
            case "consumer_id" -> JSON.stringNode(pooled("cons"));
            case "pipeline_name" -> JSON.stringNode(pooled("pipe"));
            case "connector_name" -> JSON.stringNode(pooled("dbz"));
            case "kafka_topic", "topic_name", "name" -> JSON.stringNode("fz.topic." + random.nextInt(5));
            case "password" -> JSON.stringNode(secrets.postgresPassword());
            case "headers" -> JSON.objectNode().put("Authorization", "Bearer " + secrets.httpToken());
            case "url" -> schema.path("example").asString("").startsWith("redis")
                    ? JSON.stringNode("redis://:" + secrets.redisPassword() + "@localhost:1/0") : null;
            default -> null;
        };
    }

    private JsonNode oneOf(JsonNode schema, OpenApiOperations doc, int depth) {
        JsonNode mapping = schema.path("discriminator").path("mapping");
        if (!mapping.isObject() || mapping.isEmpty()) {
            JsonNode options = schema.get("oneOf");
            return plausible("", doc.resolve(options.get(random.nextInt(options.size()))), doc, depth);
        }
        List<Map.Entry<String, JsonNode>> kinds = List.copyOf(mapping.properties());
        Map.Entry<String, JsonNode> kind = kinds.get(random.nextInt(kinds.size()));
        JsonNode value = plausible("", doc.resolve(JSON.objectNode().set("$ref", kind.getValue())), doc, depth);
        if (value instanceof ObjectNode object) {
            object.put(schema.path("discriminator").path("propertyName").asString("type"), kind.getKey());
        }
        return value;
    }

    /** A subtype written as allOf (its parent, its own fields): its own fields, the parent's plain ones. */
    private JsonNode allOf(JsonNode schema, OpenApiOperations doc, int depth) {
        ObjectNode merged = JSON.objectNode();
        for (JsonNode part : schema.get("allOf")) {
            JsonNode resolved = doc.resolve(part);
            if (!resolved.has("oneOf") && plausible("", resolved, doc, depth + 1) instanceof ObjectNode fields) {
                merged.setAll(fields);
            }
        }
        return merged;
    }

    private ObjectNode object(JsonNode schema, OpenApiOperations doc, int depth) {
        ObjectNode object = JSON.objectNode();
        if (depth > 6) {
            return object;
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            object.set(property.getKey(), plausible(property.getKey(), doc.resolve(property.getValue()), doc, depth + 1));
        }
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject() && object.isEmpty()) {
            object.set("fz_key", plausible("fz_key", doc.resolve(additional), doc, depth + 1));
        }
        return object;
    }

    /** An example copied from the document: its passwords the test's marked secrets, its names from the pools. */
    private JsonNode withSecrets(JsonNode example) {
        if (example instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
                JsonNode named = byName(field.getKey(), field.getValue());
                if (field.getKey().contains("password")) {
                    object.put(field.getKey(), secrets.debeziumPassword());
                } else if (field.getKey().endsWith("dbname")) {
                    object.put(field.getKey(), "fz_no_such_db");
                } else if (named != null) {
                    object.set(field.getKey(), named);
                } else {
                    object.set(field.getKey(), withSecrets(field.getValue()));
                }
            }
        }
        return example;
    }

    /** A value of another JSON type than the schema asks for. */
    JsonNode wrongType(JsonNode current) {
        return switch (random.nextInt(6)) {
            case 0 -> current.isString() ? JSON.numberNode(random.nextInt()) : JSON.stringNode("not-a-" + current.getNodeType());
            case 1 -> JSON.nullNode();
            case 2 -> JSON.objectNode().put("nested", hostile());
            case 3 -> JSON.arrayNode().add(1).add("two");
            case 4 -> JSON.booleanNode(true);
            default -> JSON.numberNode(Long.MAX_VALUE);
        };
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asString())) {
                    return t.asString();
                }
            }
        }
        if (type.isMissingNode() && schema.has("properties")) {
            return "object";
        }
        return type.asString("string");
    }
}
