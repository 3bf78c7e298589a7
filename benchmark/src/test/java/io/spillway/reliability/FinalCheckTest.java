package io.spillway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FinalCheckTest {
    @Test
    void aDuplicateIsPutOnTheLastFaultInjectedBeforeItsCopyReachedTheTopic() {
        List<FaultResult> faults = List.of(new FaultResult("service-kill", 10, 1_000, 5, 3, null),
                new FaultResult("kafka-restart", 60, 9_000, 20, 30, null),
                new FaultResult("target-stop", 90, -1, 30, -1, "broker down"));
        assertThat(FinalCheck.attribute(List.of(500L, 1_000L, 8_999L, 9_001L, 20_000L), faults))
                .containsEntry("before any fault", 1L).containsEntry("1 service-kill", 2L)
                .containsEntry("2 kafka-restart", 2L).hasSize(3);
    }
}
