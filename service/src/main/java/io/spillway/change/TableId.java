package io.spillway.change;

/** A source table as Debezium names it in the event's {@code source} block. */
public record TableId(String database, String schema, String table) {
    @Override
    public String toString() {
        return schema + "." + table;
    }
}
