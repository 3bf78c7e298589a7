package io.spillway.change;

import tools.jackson.databind.JsonNode;

/**
 * Typed reads of a Debezium envelope's fields. A field of the wrong type is not coerced (Jackson 3's
 * {@code asLong()} throws on an object): it throws {@link Malformed} naming the field and what it holds,
 * which the parser turns into an unparseable record.
 */
final class EnvelopeFields {
    /** Longest part of a record's own content quoted in a reason (reasons travel in Kafka headers). */
    static final int MAX_QUOTE = 80;

    /** Why a record cannot become a change; no stack trace, it is an outcome, not a bug. */
    static final class Malformed extends RuntimeException {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    private EnvelopeFields() {
    }

    /** The object at {@code name}, or null when missing or JSON null. */
    static JsonNode objectOrNull(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new Malformed(path + " is " + kind(node) + ", expected an object or null");
        }
        return node;
    }

    /** A non-empty string. */
    static String requiredText(JsonNode parent, String path, String name) {
        String text = textOrNull(parent, path, name);
        if (text == null || text.isEmpty()) {
            throw new Malformed(path + " is " + (text == null ? "missing" : "empty") + ", expected a string");
        }
        return text;
    }

    /** A string, or null when missing or JSON null. */
    static String textOrNull(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new Malformed(path + " is " + kind(node) + ", expected a string");
        }
        return node.asString();
    }

    /**
     * A whole number that fits a long and is not negative (a numeric string is accepted, as Connect may
     * write one); null when missing or JSON null.
     */
    static Long countOrNull(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (node.isString() && node.asString().matches("\\d{1,18}")) {
            value = Long.parseLong(node.asString());
        } else if (node.isIntegralNumber() || node.isString() && node.asString().matches("-?\\d+")) {
            throw new Malformed(path + " is out of range: " + quote(node.asString()));
        } else {
            throw new Malformed(path + " is " + kind(node) + ", expected a whole number");
        }
        if (value < 0) {
            throw new Malformed(path + " is negative: " + value);
        }
        return value;
    }

    /** Debezium writes "true", "false", "first", "last", "incremental", ... (older versions a boolean). */
    static SnapshotKind snapshotKind(JsonNode source, String path) {
        JsonNode node = source.get("snapshot");
        if (node == null || node.isNull()) {
            return SnapshotKind.NONE;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? SnapshotKind.INITIAL : SnapshotKind.NONE;
        }
        if (!node.isString()) {
            throw new Malformed(path + " is " + kind(node) + ", expected a string, a boolean or null");
        }
        String text = node.asString();
        if (text.isEmpty() || "false".equals(text)) {
            return SnapshotKind.NONE;
        }
        return "incremental".equals(text) ? SnapshotKind.INCREMENTAL : SnapshotKind.INITIAL;
    }

    /** What a node holds, for a reason: "an array", "a string \"abc\"", ... */
    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isBoolean()) {
            return "a boolean (" + node.booleanValue() + ")";
        }
        if (node.isNumber()) {
            return "a number (" + quote(node.asString()) + ")";
        }
        if (node.isString()) {
            return "a string (\"" + quote(node.asString()) + "\")";
        }
        return node.getNodeType().name().toLowerCase();
    }

    /** At most {@link #MAX_QUOTE} characters of the record's own text, marked when cut. */
    static String quote(String text) {
        return text.length() <= MAX_QUOTE ? text
                : text.substring(0, MAX_QUOTE) + "... (" + text.length() + " characters)";
    }

    /** The first line of a message (a parser's message quotes the input on the lines after). */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
