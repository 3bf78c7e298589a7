package io.spillway.pipeline.postgres;

import io.spillway.config.SpillwayProperties;
import io.spillway.pipeline.TargetTimeouts;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/** Applies the configured target timeouts when the service starts; closes the target pools when it stops. */
@Component
class TargetPoolsLifecycle {
    TargetPoolsLifecycle(SpillwayProperties properties) {
        TargetTimeouts.use(TargetTimeouts.of(properties.targets()));
    }

    @PreDestroy
    void close() {
        TargetPools.closeAll();
    }
}
