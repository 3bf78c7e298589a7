package io.spillway.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectorConfigKeysTest {
    @ParameterizedTest
    @CsvSource({
            "connector_class, connector.class",
            "tasks_max, tasks.max",
            "database_hostname, database.hostname",
            "database_port, database.port",
            "database_user, database.user",
            "database_password, database.password",
            "database_dbname, database.dbname",
            "topic_prefix, topic.prefix",
            "schema_include_list, schema.include.list",
            "publication_autocreate_mode, publication.autocreate.mode",
            "table_include_list, table.include.list",
            "plugin_name, plugin.name",
            "snapshot_mode, snapshot.mode",
            "slot_name, slot.name",
            "heartbeat_interval_ms, heartbeat.interval.ms",
            "database_tcpKeepAlive, database.tcpKeepAlive",
            "name, name",
    })
    void theSeedsKeysMapToDebeziumsNames(String requestKey, String connectKey) {
        assertThat(ConnectorConfigKeys.connectKey(requestKey, List.of())).isEqualTo(connectKey);
    }

    @Test
    void dottedKeysPassUnchanged() {
        assertThat(ConnectorConfigKeys.connectKey("transforms.unwrap.type", List.of()))
                .isEqualTo("transforms.unwrap.type");
        assertThat(ConnectorConfigKeys.connectKey("database.tcpKeepAlive", List.of()))
                .isEqualTo("database.tcpKeepAlive");
    }

    @Test
    void aKeyThePluginDeclaresIsMatchedWithItsOwnSpelling() {
        List<String> declared = List.of("errors.deadletterqueue.topic.name", "custom.someCamelKey", "my-hyphen.key");
        assertThat(ConnectorConfigKeys.connectKey("custom_someCamelKey", declared)).isEqualTo("custom.someCamelKey");
        assertThat(ConnectorConfigKeys.connectKey("custom_somecamelkey", declared)).isEqualTo("custom.someCamelKey");
        assertThat(ConnectorConfigKeys.connectKey("my_hyphen_key", declared)).isEqualTo("my-hyphen.key");
    }

    @Test
    void otherKeysReadEveryUnderscoreAsADot() {
        assertThat(ConnectorConfigKeys.connectKey("transforms_unwrap_type", List.of()))
                .isEqualTo("transforms.unwrap.type");
    }
}
