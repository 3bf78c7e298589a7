package io.spillway.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.api.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectorNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../connectors", "a/b", "a%2Fb", "a b", "a..b", "x?y", "é"})
    void unsafeNamesAreRejected(String name) {
        assertThatThrownBy(() -> ConnectorNames.require(name)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void nullAndTooLongAreRejected() {
        assertThatThrownBy(() -> ConnectorNames.require(null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ConnectorNames.require("a".repeat(250)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("249");
    }

    @Test
    void ordinaryNamesPass() {
        assertThat(ConnectorNames.require("my-postgres-connector")).isEqualTo("my-postgres-connector");
        assertThat(ConnectorNames.require("a.b_c-1")).isEqualTo("a.b_c-1");
        assertThat(ConnectorNames.require("a".repeat(249))).hasSize(249);
    }
}
