package io.spillway.pipeline.append;

import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.JobTargets;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.PostgresTarget;
import io.spillway.pipeline.Target;
import io.spillway.pipeline.TargetResolver;
import io.spillway.pipeline.Window;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** {@code append}: every change becomes a row of {@code <table>_changelog} in a PostgreSQL target. */
@Component
public class AppendJob implements PipelineJob {
    private final JobTargets targets;
    private final ChangelogWriter writer = new ChangelogWriter();

    @Autowired
    public AppendJob(ObjectProvider<TargetResolver> resolvers) {
        this.targets = JobTargets.of(resolvers);
    }

    public AppendJob(TargetResolver resolver) {
        this.targets = JobTargets.of(resolver);
    }

    @Override
    public String type() {
        return "append";
    }

    @Override
    public Optional<String> validate(JobContext context) {
        return targets.checkType(type(), context, Set.of("postgres"));
    }

    @Override
    public JobResult run(JobContext context, Window window) throws Exception {
        if (window.events().isEmpty()) {
            return JobResult.NOTHING;
        }
        Target target = targets.resolve(context.connectionId());
        if (!(target instanceof PostgresTarget pg)) {
            throw new IllegalStateException(validate(context).orElse("append needs a postgres connection"));
        }
        long appended = writer.append(pg, context.targetTable(), window.windowId(), window.events());
        return new JobResult(0, 0, appended);
    }
}
