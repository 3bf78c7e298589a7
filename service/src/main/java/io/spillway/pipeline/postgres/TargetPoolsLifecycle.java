package io.spillway.pipeline.postgres;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/** Closes the target pools with the application context. */
@Component
class TargetPoolsLifecycle {
    @PreDestroy
    void close() {
        TargetPools.closeAll();
    }
}
