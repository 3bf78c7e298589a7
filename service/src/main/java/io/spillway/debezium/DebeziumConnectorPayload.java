package io.spillway.debezium;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * The seed's {@code POST /debezium/start/} body. Config keys may be the seed's snake_case or Connect's
 * dotted names; values are strings (numbers and booleans are accepted).
 */
@Schema(example = """
        {"name": "my-postgres-connector",
         "config": {"connector_class": "io.debezium.connector.postgresql.PostgresConnector",
                    "tasks_max": "1", "database_hostname": "localhost", "database_port": "5432",
                    "database_user": "debezium", "database_password": "password",
                    "database_dbname": "mydatabase", "topic_prefix": "db", "schema_include_list": "public",
                    "publication_autocreate_mode": "filtered", "table_include_list": "public.person12",
                    "plugin_name": "pgoutput", "snapshot_mode": "initial"}}""")
public record DebeziumConnectorPayload(
        @Schema(description = "connector name: letters, digits, '.', '_' or '-', at most 249 characters")
        @NotNull String name,
        @Schema(description = "connector config, snake_case or dotted keys") @NotNull Map<String, Object> config) {
}
