package io.spillway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.spillway.consumer.run.RunObserver;
import io.spillway.consumer.run.RunRecord;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Meters counted from each run as it is recorded: job duration (a histogram, every attempt, by status), and
 * for windows that got through (SUCCEEDED or PARTIAL) windows closed by reason and rows by kind.
 */
@Component
public class RunMeters implements RunObserver {
    private final MeterRegistry registry;

    public RunMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void recorded(RunRecord run) {
        Tags tags = ConsumerTags.of(run.consumerId(), run.pipelineName());
        Timer.builder("spillway.job.duration")
                .description("how long a window's job ran, each attempt")
                .tags(tags).tag("job_type", run.jobType()).tag("status", run.status())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry)
                .record(run.durationMs(), TimeUnit.MILLISECONDS);
        if (RunRecord.FAILED.equals(run.status())) {
            return;
        }
        registry.counter("spillway.windows.closed", tags.and("reason", run.reason())).increment();
        rows(tags, "upserted", run.rowsUpserted());
        rows(tags, "deleted", run.rowsDeleted());
        rows(tags, "appended", run.rowsAppended());
    }

    private void rows(Tags tags, String kind, long count) {
        registry.counter("spillway.rows", tags.and("kind", kind)).increment(count);
    }
}
