package io.spillway.pipeline.postgres.types;

import tools.jackson.databind.JsonNode;

/**
 * A {@code point}: Debezium sends it as {@code io.debezium.data.geometry.Point} {x, y, wkb}. The doubles in
 * JSON are the shortest text that reads back as the same double, so "(x,y)" is exact. (The other
 * geometric types arrive as their own text, see {@link UnknownTypeText}.)
 */
public final class GeometricText {
    private GeometricText() {
    }

    public static String point(JsonNode struct) {
        if (!struct.isObject() || !struct.has("x") || !struct.has("y")) {
            return struct.toString();
        }
        return "(" + struct.get("x").asString() + "," + struct.get("y").asString() + ")";
    }
}
