package io.spillway.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.spillway.consumer.ConsumerInfo;
import io.spillway.consumer.ConsumerService;
import io.spillway.consumer.ConsumerState;
import io.spillway.consumer.PipelineState;
import io.spillway.consumer.engine.ConsumerRunner;
import io.spillway.consumer.engine.RunnerStatus;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Per-consumer meters of this instance's runners: state, committed lag per partition, the open window
 * (count across instances, age, limits), and counters of changes in, dead letters, retries and restarts.
 * Meters of a consumer that stops running here are removed.
 */
@Component
public class ConsumerMetrics {
    static final Duration REFRESH = Duration.ofSeconds(5);
    private final MeterRegistry registry;
    private final ConsumerService consumers;
    private final PipelineState pipelines;
    private final MultiGauge state;
    private final MultiGauge lag;
    private final MultiGauge windowChanges;
    private final MultiGauge windowAge;
    private final MultiGauge windowMaxTime;
    private final MultiGauge windowMaxEvent;
    private final Map<String, ConsumerRunner> counted = new HashMap<>();
    private final Refresher refresher;

    public ConsumerMetrics(MeterRegistry registry, ConsumerService consumers, PipelineState pipelines) {
        this.registry = registry;
        this.consumers = consumers;
        this.pipelines = pipelines;
        state = MultiGauge.builder("spillway.consumer.state")
                .description("1 for the consumer's current state on this instance, 0 for the others").register(registry);
        lag = MultiGauge.builder("spillway.consumer.lag").baseUnit("records")
                .description("records between a partition's end and the consumer's committed offset").register(registry);
        windowChanges = MultiGauge.builder("spillway.window.changes")
                .description("changes in the open window, counted across instances").register(registry);
        windowAge = MultiGauge.builder("spillway.window.age").baseUnit("seconds")
                .description("time since the open window's first change; 0 when it is empty").register(registry);
        windowMaxTime = MultiGauge.builder("spillway.window.max.time").baseUnit("seconds")
                .description("the consumer's max_time").register(registry);
        windowMaxEvent = MultiGauge.builder("spillway.window.max.event")
                .description("the consumer's max_event").register(registry);
        refresher = new Refresher("metrics-consumers", REFRESH, this::refresh);
    }

    synchronized void refresh() {
        Map<String, ConsumerRunner> runners = Map.copyOf(consumers.runners());
        List<MultiGauge.Row<?>> states = new ArrayList<>();
        List<MultiGauge.Row<?>> lags = new ArrayList<>();
        List<MultiGauge.Row<?>> changes = new ArrayList<>();
        List<MultiGauge.Row<?>> ages = new ArrayList<>();
        List<MultiGauge.Row<?>> maxTimes = new ArrayList<>();
        List<MultiGauge.Row<?>> maxEvents = new ArrayList<>();
        for (ConsumerRunner runner : runners.values()) {
            RunnerStatus status = runner.status();
            String id = runner.definition().consumerId();
            Tags tags = ConsumerTags.of(id, runner.definition().pipelineName());
            for (ConsumerState each : ConsumerState.values()) {
                states.add(MultiGauge.Row.of(tags.and("state", each.name()), each == status.state() ? 1 : 0));
            }
            status.committedLag().forEach((partition, records) ->
                    lags.add(MultiGauge.Row.of(tags.and("partition", partition), records)));
            ConsumerInfo.WindowInfo window = ConsumerInfo.of(runner.definition(), status,
                    pipelines.fields(runner.definition().pipelineName()), null, status.instanceId()).window();
            changes.add(MultiGauge.Row.of(tags, window.count()));
            ages.add(MultiGauge.Row.of(tags, window.ageMs() == null ? 0 : window.ageMs() / 1000.0));
            maxTimes.add(MultiGauge.Row.of(tags, window.maxTime()));
            maxEvents.add(MultiGauge.Row.of(tags, window.maxEvent()));
            if (counted.get(id) != runner) {
                removeCounters(id);
                registerCounters(runner, tags);
                counted.put(id, runner);
            }
        }
        for (String gone : List.copyOf(counted.keySet())) {
            if (!runners.containsKey(gone)) {
                removeCounters(gone);
                counted.remove(gone);
            }
        }
        state.register(states, true);
        lag.register(lags, true);
        windowChanges.register(changes, true);
        windowAge.register(ages, true);
        windowMaxTime.register(maxTimes, true);
        windowMaxEvent.register(maxEvents, true);
    }

    private void registerCounters(ConsumerRunner runner, Tags tags) {
        counter("spillway.consumer.changes", "row changes counted into windows", runner, tags, RunnerStatus::changesIn);
        counter("spillway.consumer.dead.letters", "records and changes sent to the dead-letter topic", runner, tags,
                s -> s.deadLettered() + s.isolationDeadLettered());
        counter("spillway.consumer.retries", "failed job attempts (each is retried)", runner, tags,
                RunnerStatus::jobFailures);
        counter("spillway.consumer.polls", "polls that brought records or had a window open: one Redis round trip"
                + " each", runner, tags, RunnerStatus::polls);
        counter("spillway.consumer.restarts", "times the loop failed and restarted with a new Kafka consumer", runner,
                tags, RunnerStatus::restarts);
    }

    private void counter(String name, String description, ConsumerRunner runner, Tags tags,
            ToDoubleFunction<RunnerStatus> value) {
        FunctionCounter.builder(name, runner, r -> value.applyAsDouble(r.status()))
                .description(description).tags(tags).register(registry);
    }

    /** Every function counter of the consumer: a restarted runner starts them again from zero. */
    private void removeCounters(String consumerId) {
        for (Meter meter : List.copyOf(registry.getMeters())) {
            if (meter instanceof FunctionCounter && consumerId.equals(meter.getId().getTag("consumer"))) {
                registry.remove(meter);
            }
        }
    }

    @PreDestroy
    void close() {
        refresher.close();
    }
}
