package io.spillway.pipeline;

import io.spillway.api.ApiException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;

/**
 * How a job finds its target, and the check every job's {@code validate()} makes: the connection exists
 * and is of a type the job can load into. The resolver is looked up lazily, so the jobs are beans even
 * before a {@link TargetResolver} exists in the context.
 */
public final class JobTargets {
    private final Supplier<TargetResolver> resolver;

    private JobTargets(Supplier<TargetResolver> resolver) {
        this.resolver = resolver;
    }

    public static JobTargets of(TargetResolver resolver) {
        return new JobTargets(() -> resolver);
    }

    public static JobTargets of(ObjectProvider<TargetResolver> resolvers) {
        return new JobTargets(resolvers::getIfAvailable);
    }

    public Target resolve(String connectionId) {
        TargetResolver current = resolver.get();
        if (current == null) {
            throw new IllegalStateException("no TargetResolver bean: connections cannot be looked up");
        }
        Target target = current.resolve(connectionId);
        if (target == null) {
            throw new IllegalStateException("connection '" + connectionId + "' is not registered");
        }
        return target;
    }

    /** Empty when the consumer's connection fits the job; else the reason, for a 400. */
    public Optional<String> checkType(String jobType, JobContext context, Set<String> allowedTypes) {
        Target target;
        try {
            target = resolve(context.connectionId());
        } catch (ApiException | IllegalStateException e) {
            return Optional.of("job_type '" + jobType + "' cannot use connection '" + context.connectionId() + "': "
                    + e.getMessage());
        }
        if (allowedTypes.contains(target.type())) {
            return Optional.empty();
        }
        return Optional.of("job_type '" + jobType + "' loads into a connection of type "
                + String.join(" or ", allowedTypes.stream().sorted().toList()) + ", but connection '"
                + context.connectionId() + "' is of type " + target.type()
                + ": choose a connection of the right type, or another job_type");
    }
}
