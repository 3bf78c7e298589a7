package io.spillway.consumer.engine;

import io.spillway.change.ChangeEvent;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PausedTable;
import io.spillway.pipeline.failure.Failure;
import io.spillway.pipeline.failure.FailureKind;
import io.spillway.pipeline.failure.Failures;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the changes of a window its target refuses for good. The window is split in halves, in source
 * order, until each failing part is a single change: every part that succeeds is loaded on the way (a
 * job's load is idempotent and position-guarded, so loading consecutive parts in order equals loading the
 * window), every change that fails alone is refused. A job that cannot load a part of a window (a
 * trigger's call is about the whole window) has the whole window refused instead. Pure logic: the load is
 * a function; k refused changes among n cost about k * log2(n) loads.
 */
final class WindowIsolation {
    /** The dead-letter reason's prefix for a change a schema change kept from loading. */
    static final String SCHEMA_CHANGE = "schema_change";

    /** Loads these changes (a part of the window, in order) into the target. */
    interface Load {
        JobResult run(List<ChangeEvent> changes) throws Exception;
    }

    record Refused(ChangeEvent change, Failure failure) {
    }

    /**
     * @param loaded the summed results of the parts that loaded
     * @param loadedChanges how many changes those parts held
     * @param refused the changes that failed alone, in source order
     * @param loads how many times the load was called
     */
    record Outcome(JobResult loaded, int loadedChanges, List<Refused> refused, int loads) {
    }

    /** A transient failure during isolation: nothing may be refused on it; the caller goes back to retrying. */
    static final class TransientFailure extends Exception {
        TransientFailure(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Why a paused table's change was not loaded, as its dead letter's headers say it. */
    static Failure schemaChange(String reason) {
        return new Failure(FailureKind.PERMANENT, SCHEMA_CHANGE + ": " + reason, "SchemaChange", null, null);
    }

    private final Load load;
    private final List<Refused> refused = new ArrayList<>();
    private JobResult loaded = JobResult.NOTHING;
    private int loadedChanges;
    private int loads;

    private WindowIsolation(Load load) {
        this.load = load;
    }

    static Outcome isolate(List<ChangeEvent> changes, boolean loadsInParts, Load load) throws TransientFailure {
        WindowIsolation isolation = new WindowIsolation(load);
        if (loadsInParts) {
            isolation.bisect(changes);
        } else {
            Failure failure = isolation.attempt(changes);
            if (failure != null) {
                changes.forEach(change -> isolation.refused.add(new Refused(change, failure)));
            }
        }
        return new Outcome(isolation.loaded, isolation.loadedChanges, List.copyOf(isolation.refused), isolation.loads);
    }

    private void bisect(List<ChangeEvent> part) throws TransientFailure {
        if (part.isEmpty()) {
            return;
        }
        Failure failure = attempt(part);
        if (failure == null) {
            return;
        }
        if (part.size() == 1) {
            refused.add(new Refused(part.get(0), failure));
            return;
        }
        int middle = part.size() / 2;
        bisect(part.subList(0, middle));
        bisect(part.subList(middle, part.size()));
    }

    /** Loads the part: null when it loaded, the permanent failure when refused; a transient one is thrown. */
    private Failure attempt(List<ChangeEvent> part) throws TransientFailure {
        loads++;
        try {
            JobResult result = load.run(List.copyOf(part));
            result = result == null ? JobResult.NOTHING : result;
            loaded = new JobResult(loaded.rowsUpserted() + result.rowsUpserted(),
                    loaded.rowsDeleted() + result.rowsDeleted(), loaded.rowsAppended() + result.rowsAppended());
            // Changes the job set aside (a paused table) are refused as they are, without bisecting them.
            for (PausedTable paused : result.pausedTables()) {
                Failure failure = schemaChange(paused.reason());
                paused.changes().forEach(change -> refused.add(new Refused(change, failure)));
            }
            loadedChanges += part.size() - result.setAside();
            return null;
        } catch (Exception e) {
            Failure failure = Failures.classify(e);
            if (!failure.permanent()) {
                throw new TransientFailure(e);
            }
            return failure;
        }
    }
}
