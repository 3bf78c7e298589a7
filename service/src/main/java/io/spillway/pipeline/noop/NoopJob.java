package io.spillway.pipeline.noop;

import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.Window;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code job_type: "noop"}: loads nothing. It measures what counting and windowing cost alone (the
 * benchmark's "no-op" row), so it exists only when {@code spillway.noop-job-enabled=true}.
 */
@Component
@ConditionalOnProperty(name = "spillway.noop-job-enabled", havingValue = "true")
public class NoopJob implements PipelineJob {
    @Override
    public String type() {
        return "noop";
    }

    @Override
    public JobResult run(JobContext context, Window window) {
        return JobResult.NOTHING;
    }
}
