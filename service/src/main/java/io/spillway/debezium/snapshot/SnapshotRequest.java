package io.spillway.debezium.snapshot;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** {@code POST /debezium/connector/{name}/snapshot}: the tables to snapshot, and a row filter per table. */
@Schema(example = """
        {"tables": ["public.person12", "public.orders"],
         "filters": {"public.person12": "id > 100"}}""")
public record SnapshotRequest(
        @Schema(description = "captured tables as schema.table, at most 100") List<String> tables,
        @Schema(description = "optional row filter per table: one SQL condition, run by the connector's "
                + "database user; no ';' and no comments") Map<String, String> filters) {
}
