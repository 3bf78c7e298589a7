package io.spillway.pipeline;

import java.util.Map;

/**
 * The Debezium settings the jobs' faithful types rely on, in one place. {@code POST /debezium/start/}
 * applies them as defaults that the request may override. Why each one:
 * <ul>
 * <li>{@code column.propagate.source.type=.*}: every column carries its PostgreSQL type name, length and
 * scale, so the sync job creates {@code varchar(40)}, {@code numeric(12,3)}, {@code int4[]} instead of
 * guessing from Connect's coarse types.</li>
 * <li>{@code decimal.handling.mode=string}: numerics arrive as their exact text, including unconstrained
 * numerics of any scale and {@code NaN}/{@code Infinity} (precise mode turns those into null); money too,
 * to the cent at both ends of its range.</li>
 * <li>{@code interval.handling.mode=string}: intervals arrive as ISO 8601 ({@code P1Y2M3DT4H}), exact;
 * the numeric mode approximates a month as 30.4375 days.</li>
 * <li>{@code time.precision.mode=adaptive}: dates, times and timestamps keep their microseconds.</li>
 * <li>{@code binary.handling.mode=bytes}: bytea as bytes (base64 in JSON), decoded exactly.</li>
 * <li>{@code hstore.handling.mode=json}: hstore as a JSON object rather than a Connect map.</li>
 * <li>{@code include.unknown.datatypes=true}: without it Debezium leaves out every column of a type it has
 * no converter for (line, lseg, box, path, polygon, circle, tsquery, jsonpath, multiranges, pg_lsn, xid,
 * composite types, ...); with it they arrive as the bytes of their PostgreSQL text, which loads exactly.</li>
 * <li>{@code skipped.operations=none}: Debezium skips truncates by default; sync truncates the target.</li>
 * </ul>
 */
public final class ConnectorDefaults {
    /** Defaults for a PostgreSQL source connector (io.debezium.connector.postgresql.PostgresConnector). */
    public static final Map<String, String> POSTGRES_SOURCE = Map.of(
            "column.propagate.source.type", ".*",
            "decimal.handling.mode", "string",
            "interval.handling.mode", "string",
            "time.precision.mode", "adaptive",
            "binary.handling.mode", "bytes",
            "hstore.handling.mode", "json",
            "skipped.operations", "none",
            "include.unknown.datatypes", "true");

    private ConnectorDefaults() {
    }
}
