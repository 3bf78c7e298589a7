package io.spillway.metrics;

import io.micrometer.core.instrument.Tags;

/** The tags every per-consumer meter carries: the consumer's id and its pipeline's name. */
public final class ConsumerTags {
    private ConsumerTags() {
    }

    public static Tags of(String consumerId, String pipelineName) {
        return Tags.of("consumer", consumerId, "pipeline", pipelineName);
    }
}
