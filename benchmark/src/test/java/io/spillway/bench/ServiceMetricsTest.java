package io.spillway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceMetricsTest {
    private static final String EXPOSITION = """
            # HELP spillway_consumer_polls_total polls that brought records or had a window open
            # TYPE spillway_consumer_polls_total counter
            spillway_consumer_polls_total{consumer="bench-a",pipeline="bench-a"} 12.0
            spillway_consumer_polls_total{consumer="bench-ab",pipeline="bench-ab"} 345.0
            spillway_consumer_restarts_total{consumer="bench-ab",pipeline="bench-ab"} 0.0
            """;

    @Test
    void readsTheCounterOfExactlyThatConsumer() {
        assertThat(ServiceMetrics.value(EXPOSITION, ServiceMetrics.POLLS, "bench-ab")).contains(345.0);
        assertThat(ServiceMetrics.value(EXPOSITION, ServiceMetrics.POLLS, "bench-a")).contains(12.0);
        assertThat(ServiceMetrics.value(EXPOSITION, ServiceMetrics.POLLS, "bench-b")).isEmpty();
    }
}
