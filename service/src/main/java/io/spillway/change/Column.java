package io.spillway.change;

import java.util.Map;

/**
 * A column as the change event's Connect schema describes it.
 *
 * @param name column name, exactly as in the source (quote it before it reaches SQL)
 * @param connectType Connect's type: int8, int16, int32, int64, float32, float64, boolean, string,
 *                    bytes, array, map, struct
 * @param logicalName the semantic type, e.g. io.debezium.time.MicroTimestamp,
 *                    org.apache.kafka.connect.data.Decimal, io.debezium.data.Json; null when plain
 * @param parameters the schema's parameters (e.g. scale, allowed, and __debezium.source.column.type
 *                   when the connector propagates source types)
 * @param optional whether the column may be null
 * @param itemType for arrays, the element's Connect type (with its logical name after a colon if any)
 */
public record Column(String name, String connectType, String logicalName, Map<String, String> parameters,
        boolean optional, String itemType) {

    /** The source column type Debezium propagated (column.propagate.source.type), or null. */
    public String sourceType() {
        return parameters.get("__debezium.source.column.type");
    }
}
