package io.spillway.metrics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one gauge refresh at a fixed delay on its own daemon thread. Gauges whose rows come and go
 * (partitions, connectors) are refreshed here rather than at scrape time, so a scrape never waits on
 * Redis, Kafka Connect or a source database.
 */
public final class Refresher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Refresher.class);
    private final ScheduledExecutorService executor;
    private volatile String lastFailure;

    public Refresher(String name, Duration every, Runnable refresh) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                refresh.run();
                lastFailure = null;
            } catch (RuntimeException e) {
                // logged once per distinct failure, not every few seconds while it lasts
                if (!e.toString().equals(lastFailure)) {
                    log.warn("{}: refresh failed, the gauges keep their last values: {}", name, e.toString());
                }
                lastFailure = e.toString();
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
