package io.spillway.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What runs when a pipeline's window closes. One Spring bean per job type (sync, append, trigger); the
 * consumer engine picks the bean whose {@link #type()} equals the consumer's {@code job_type}.
 *
 * <p>A job must be idempotent: after a crash the engine runs a window again (Kafka offsets are committed
 * only after the job succeeded), so a replayed window must leave the target as one run would.
 */
public interface PipelineJob {
    /** The {@code job_type} this job answers to. */
    String type();

    /**
     * Checks, when a consumer is started, that this job can work with that consumer (e.g. the
     * connection's type fits). Returns the reason it cannot, for a 400; empty when fine.
     */
    default Optional<String> validate(JobContext context) {
        return Optional.empty();
    }

    /**
     * Whether a part of a window (consecutive changes, in order) can be loaded on its own, as the engine does
     * to isolate the changes a target refuses. A job whose effect is about the whole window (a trigger)
     * says no: its refused windows are dead-lettered whole.
     */
    default boolean loadsInParts() {
        return true;
    }

    /**
     * Loads the window into the target; throws to fail. The engine retries transient failures with backoff
     * and isolates permanent ones (see {@link io.spillway.pipeline.failure.Failures}).
     */
    JobResult run(JobContext context, Window window) throws Exception;

    /**
     * Runs several windows that closed together (one Kafka poll closed them all, as max_event 1 does at
     * any rate), in order, as one unit: all succeed, or it throws and the engine retries them all. The
     * default runs them one by one; a job may apply them at once when the effect equals running them in
     * order (sync: one transaction with the later change of a row winning). One result per window.
     */
    default List<JobResult> runAll(JobContext context, List<Window> windows) throws Exception {
        List<JobResult> results = new ArrayList<>(windows.size());
        for (Window window : windows) {
            results.add(run(context, window));
        }
        return results;
    }
}
