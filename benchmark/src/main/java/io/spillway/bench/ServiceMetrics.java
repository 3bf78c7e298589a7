package io.spillway.bench;

import java.util.Optional;

/** Counters the service publishes on {@code /actuator/prometheus}, read by consumer. */
final class ServiceMetrics {
    static final String POLLS = "spillway_consumer_polls_total";

    private final JsonHttp spillway;

    ServiceMetrics(JsonHttp spillway) {
        this.spillway = spillway;
    }

    /**
     * The consumer's polls that made a Redis call, or -1. Per-consumer meters appear within the metrics'
     * refresh (5 s) of the consumer's start, so a short run waits for it.
     */
    long polls(String consumerId) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            Optional<Double> value = counter(POLLS, consumerId);
            if (value.isPresent()) {
                return Math.round(value.get());
            }
            if (System.nanoTime() > deadline) {
                Log.info("%s for %s not published within 15 s", POLLS, consumerId);
                return -1;
            }
            Waits.pause(500);
        }
    }

    Optional<Double> counter(String name, String consumerId) {
        JsonHttp.Response response = spillway.get("/actuator/prometheus");
        if (!response.ok()) {
            return Optional.empty();
        }
        return value(response.body(), name, consumerId);
    }

    /** The sample of {@code name} whose {@code consumer} label is {@code consumerId}, in Prometheus text. */
    static Optional<Double> value(String exposition, String name, String consumerId) {
        String label = "consumer=\"" + consumerId + "\"";
        return exposition.lines()
                .filter(l -> l.startsWith(name + "{") && l.contains(label))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst();
    }
}
