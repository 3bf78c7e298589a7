package io.spillway.consumer;

import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.Window;
import org.springframework.stereotype.Component;

/**
 * TEST-ONLY stand-in for job_type {@code sync} (the seed's curl example uses it) until the pipeline jobs
 * are merged; the JobRegistry refuses two beans of one type, so a forgotten stand-in fails loudly.
 * DELETE AT MERGE.
 */
@Component
public class SyncStandInJob implements PipelineJob {
    @Override
    public String type() {
        return "sync";
    }

    @Override
    public JobResult run(JobContext context, Window window) {
        return JobResult.NOTHING;
    }
}
