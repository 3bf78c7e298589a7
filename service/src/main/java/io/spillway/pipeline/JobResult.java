package io.spillway.pipeline;

/** What a job did to its target, for the run history. */
public record JobResult(long rowsUpserted, long rowsDeleted, long rowsAppended) {
    public static final JobResult NOTHING = new JobResult(0, 0, 0);
}
