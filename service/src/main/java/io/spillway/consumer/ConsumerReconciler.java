package io.spillway.consumer;

import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.engine.ConsumerRunner;
import io.spillway.redis.DataMarker;
import io.spillway.redis.RedisDataLost;
import jakarta.annotation.PreDestroy;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's runners in line with the definitions in Redis: resumes every stored consumer at
 * start, starts those started on another instance, stops those stopped elsewhere, and writes its own
 * definitions back when Redis lost them (restarted empty, FLUSHALL).
 */
@Component
public class ConsumerReconciler {
    private static final Logger log = LoggerFactory.getLogger(ConsumerReconciler.class);

    private final ConsumerService consumers;
    private final ConsumerStore store;
    private final DataMarker marker;
    private final ApplicationEventPublisher events;
    private final long intervalMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "consumer-reconciler");
        t.setDaemon(true);
        return t;
    });

    public ConsumerReconciler(ConsumerService consumers, ConsumerStore store, DataMarker marker,
            ApplicationEventPublisher events, SpillwayProperties properties) {
        this.consumers = consumers;
        this.store = store;
        this.marker = marker;
        this.events = events;
        this.intervalMs = properties.consumer().reconcileIntervalMs();
        log.info("Window memory budget: {} MiB per consumer and instance",
                properties.consumer().windowMemoryBudgetBytes() >> 20);
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeAtStart() {
        timer.scheduleWithFixedDelay(this::reconcileQuietly, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("consumer definitions not synced with Redis: {}", e.getMessage());
        }
    }

    void reconcile() {
        // The service's lock: a start or stop on this instance never interleaves with a sync.
        synchronized (consumers) {
            reconcileLocked();
        }
    }

    private void reconcileLocked() {
        Map<String, ConsumerRunner> local = consumers.runners();
        String loss = marker.lossSeen();
        if (loss != null) {
            // Redis lost its data: what this instance knows is the truth; write it back (connections
            // first, so that no resumed consumer meets a missing connection), then mark the loss handled.
            events.publishEvent(new RedisDataLost());
            for (ConsumerRunner runner : local.values()) {
                store.restore(runner.definition());
                log.info("consumer {}: definition written back to Redis (Redis had lost it)",
                        runner.definition().consumerId());
            }
            marker.handled(loss);
            return;
        }
        Map<String, ConsumerDefinition> stored = store.all();
        for (ConsumerDefinition definition : stored.values()) {
            if (!local.containsKey(definition.consumerId())) {
                try {
                    consumers.launch(definition);
                    log.info("consumer {}: resumed from its stored definition", definition.consumerId());
                } catch (RuntimeException e) {
                    log.warn("consumer {} not resumed: {}", definition.consumerId(), e.getMessage());
                }
            }
        }
        Set<String> gone = new HashSet<>(local.keySet());
        gone.removeAll(stored.keySet());
        for (String id : gone) {
            log.info("consumer {}: stopped on another instance; stopping here too", id);
            consumers.stopLocal(id);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
