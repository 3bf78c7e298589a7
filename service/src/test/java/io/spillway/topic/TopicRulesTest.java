package io.spillway.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.api.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicRulesTest {
    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a b", "topic!", "ü"})
    void illegalTopicNamesAreRejected(String name) {
        assertThatThrownBy(() -> TopicNames.require(name)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void legalNamesPassAndLengthIsCapped() {
        assertThat(TopicNames.require("db.public.person12")).isEqualTo("db.public.person12");
        assertThat(TopicNames.require("a_b-c.1")).isEqualTo("a_b-c.1");
        assertThat(TopicNames.require("t".repeat(249))).hasSize(249);
        assertThatThrownBy(() -> TopicNames.require("t".repeat(250))).hasMessageContaining("249");
    }

    @Test
    void retentionAcceptsZeroMinusOneAndPositiveOnly() {
        assertThat(Retention.isBrokerDefault(null)).isTrue();
        assertThat(Retention.isBrokerDefault(0L)).isTrue();
        assertThat(Retention.isBrokerDefault(-1L)).isFalse();
        assertThat(Retention.require("retention_ms", -1L)).isEqualTo(-1L);
        assertThatThrownBy(() -> Retention.require("retention_ms", -2L))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("retention_ms");
    }
}
