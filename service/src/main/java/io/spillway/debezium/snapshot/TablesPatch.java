package io.spillway.debezium.snapshot;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** {@code PATCH /debezium/connector/{name}}: tables to add to and remove from the connector's capture. */
@Schema(example = """
        {"add_tables": ["public.orders"], "remove_tables": ["public.old_orders"], "snapshot": true}""")
public record TablesPatch(
        @Schema(description = "tables (schema.table) to add to table.include.list") List<String> addTables,
        @Schema(description = "entries of table.include.list to remove") List<String> removeTables,
        @Schema(description = "start an incremental snapshot of the added tables (default true)") Boolean snapshot) {
}
