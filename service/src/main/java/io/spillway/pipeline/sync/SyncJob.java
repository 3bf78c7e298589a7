package io.spillway.pipeline.sync;

import io.spillway.change.ChangeEvent;
import io.spillway.change.Op;
import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.JobTargets;
import io.spillway.pipeline.PausedTable;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.PostgresTarget;
import io.spillway.pipeline.RedisTarget;
import io.spillway.pipeline.Target;
import io.spillway.pipeline.TargetResolver;
import io.spillway.pipeline.Window;
import io.spillway.pipeline.sync.postgres.PostgresSyncWriter;
import io.spillway.pipeline.sync.redis.RedisSyncWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** {@code sync}: the target mirrors the source tables, into PostgreSQL tables or one Redis hash per row. */
@Component
public class SyncJob implements PipelineJob, DisposableBean {
    private final JobTargets targets;
    private final PostgresSyncWriter postgres = new PostgresSyncWriter();
    private final RedisSyncWriter redis = new RedisSyncWriter();

    @Autowired
    public SyncJob(ObjectProvider<TargetResolver> resolvers) {
        this.targets = JobTargets.of(resolvers);
    }

    public SyncJob(TargetResolver resolver) {
        this.targets = JobTargets.of(resolver);
    }

    @Override
    public String type() {
        return "sync";
    }

    @Override
    public Optional<String> validate(JobContext context) {
        return targets.checkType(type(), context, Set.of("postgres", "redis"));
    }

    @Override
    public JobResult run(JobContext context, Window window) throws Exception {
        if (window.events().isEmpty()) {
            return JobResult.NOTHING;
        }
        List<TableChanges> tables = RowCoalescer.coalesce(window.events());
        Target target = targets.resolve(context.connectionId());
        if (target instanceof PostgresTarget pg) {
            JobResult result = postgres.apply(pg, context.targetTable(), tables, context.schemaChanges());
            return result.pausedTables().isEmpty() ? result : withOriginalChanges(result, window.events());
        }
        if (target instanceof RedisTarget r) {
            return redis.apply(r, tables);
        }
        throw new SyncException(validate(context).orElse("sync cannot load into " + target.type()));
    }

    /**
     * Windows closed by one poll go to the target in one transaction: coalescing their changes in order
     * leaves each row as running them one by one would. The transaction's row counts are recorded on the
     * last of them (the earlier ones show 0 rows).
     */
    @Override
    public List<JobResult> runAll(JobContext context, List<Window> windows) throws Exception {
        if (windows.size() == 1) {
            return List.of(run(context, windows.get(0)));
        }
        List<ChangeEvent> events = new ArrayList<>();
        windows.forEach(w -> events.addAll(w.events()));
        Window last = windows.get(windows.size() - 1);
        JobResult total = run(context, new Window(last.windowId(), last.reason(), windows.get(0).openedAt(),
                last.closedAt(), events));
        List<JobResult> results = new ArrayList<>(Collections.nCopies(windows.size() - 1,
                JobResult.NOTHING));
        results.add(total);
        return results;
    }

    /**
     * A paused table's changes are kept as they came, not coalesced: replaying them must do what loading them
     * would have (an update's unchanged TOASTed value may have come from an earlier change of the row). Changes
     * before the table's last truncate in the window are left out: the truncate was applied.
     */
    private static JobResult withOriginalChanges(JobResult result, List<ChangeEvent> events) {
        List<PausedTable> paused = new ArrayList<>();
        for (PausedTable table : result.pausedTables()) {
            List<ChangeEvent> kept = new ArrayList<>();
            for (ChangeEvent event : events) {
                if (event.table().toString().equals(table.table())) {
                    if (event.op() == Op.TRUNCATE) {
                        kept.clear();
                    } else {
                        kept.add(event);
                    }
                }
            }
            paused.add(new PausedTable(table.table(), table.reason(), kept));
        }
        return new JobResult(result.rowsUpserted(), result.rowsDeleted(), result.rowsAppended(), paused);
    }

    @Override
    public void destroy() {
        redis.close();
    }
}
