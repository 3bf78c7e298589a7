package io.spillway.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.api.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TranslatedConfigTest {
    @Test
    void valuesBecomeStringsAndKeysAreRememberedAsTheClientWroteThem() {
        Map<String, Object> requested = new LinkedHashMap<>();
        requested.put("connector_class", "io.debezium.connector.postgresql.PostgresConnector");
        requested.put("tasks_max", 1);
        requested.put("slot.drop.on.stop", true);
        requested.put("snapshot_fetch_size", 10240.0);
        TranslatedConfig translated = TranslatedConfig.translate(requested, List.of());
        assertThat(translated.config()).containsEntry("connector.class",
                "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("tasks.max", "1")
                .containsEntry("slot.drop.on.stop", "true")
                .containsEntry("snapshot.fetch.size", "10240");
        assertThat(translated.requestKey("tasks.max")).isEqualTo("tasks_max");
        assertThat(translated.requestKey("slot.drop.on.stop")).isEqualTo("slot.drop.on.stop");
    }

    @Test
    void theSameSettingGivenTwiceIsRejected() {
        Map<String, Object> requested = Map.of("snapshot_mode", "initial", "snapshot.mode", "never");
        assertThatThrownBy(() -> TranslatedConfig.translate(requested, List.of()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("snapshot.mode");
    }

    @Test
    void nestedValuesAndNullsAreRejectedWithTheKey() {
        Map<String, Object> requested = new LinkedHashMap<>();
        requested.put("table_include_list", List.of("public.a"));
        assertThatThrownBy(() -> TranslatedConfig.translate(requested, List.of()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("table_include_list is a list");
        requested.clear();
        requested.put("slot_name", null);
        assertThatThrownBy(() -> TranslatedConfig.translate(requested, List.of()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("slot_name is null");
    }

    @Test
    void aDefaultIsAddedOnlyWhenTheRequestDidNotSetIt() {
        TranslatedConfig unset = TranslatedConfig.translate(Map.of("connector_class", "X"), List.of());
        assertThat(unset.withDefault("heartbeat.interval.ms", "10000").config())
                .containsEntry("heartbeat.interval.ms", "10000");
        TranslatedConfig set = TranslatedConfig.translate(Map.of("heartbeat_interval_ms", "500"), List.of());
        assertThat(set.withDefault("heartbeat.interval.ms", "10000").config())
                .containsEntry("heartbeat.interval.ms", "500");
    }

    @Test
    void aMissingConnectorClassIsA400() {
        assertThatThrownBy(() -> TranslatedConfig.connectorClass(Map.of("tasks_max", "1")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("connector_class");
        assertThat(TranslatedConfig.connectorClass(Map.of("connector.class", " A.B "))).isEqualTo("A.B");
    }
}
