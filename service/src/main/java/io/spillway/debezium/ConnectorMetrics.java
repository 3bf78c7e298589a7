package io.spillway.debezium;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.spillway.api.ApiException;
import io.spillway.metrics.Refresher;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Meters of every connector in Kafka Connect: its state, its failed tasks, and for PostgreSQL connectors the
 * WAL their replication slot holds back and whether the slot is active. Refreshed in the background (one
 * Connect call and one query per slot every {@link #REFRESH}), never at scrape time.
 */
@Component
class ConnectorMetrics {
    static final Duration REFRESH = Duration.ofSeconds(15);
    private static final List<String> STATES = List.of("RUNNING", "PAUSED", "STOPPED", "FAILED", "UNASSIGNED",
            "RESTARTING");
    private final ConnectClient connect;
    private final AtomicInteger connectUp = new AtomicInteger();
    private final MultiGauge state;
    private final MultiGauge failedTasks;
    private final MultiGauge retainedWal;
    private final MultiGauge slotActive;
    private final Refresher refresher;

    ConnectorMetrics(MeterRegistry registry, ConnectClient connect) {
        this.connect = connect;
        registry.gauge("spillway.connect.up", connectUp);
        state = MultiGauge.builder("spillway.connector.state")
                .description("1 for the connector's current state in Kafka Connect, 0 for the others").register(registry);
        failedTasks = MultiGauge.builder("spillway.connector.failed.tasks")
                .description("the connector's tasks in state FAILED").register(registry);
        retainedWal = MultiGauge.builder("spillway.connector.slot.retained.wal").baseUnit("bytes")
                .description("WAL the connector's replication slot holds back on the source").register(registry);
        slotActive = MultiGauge.builder("spillway.connector.slot.active")
                .description("1 while a client (the connector's task) streams from the slot").register(registry);
        refresher = new Refresher("metrics-connectors", REFRESH, this::refresh);
    }

    void refresh() {
        Map<String, ConnectClient.ConnectorOverview> connectors;
        try {
            connectors = connect.connectors();
            connectUp.set(1);
        } catch (ApiException e) {
            connectUp.set(0);
            return; // the connector gauges keep their last values; spillway_connect_up says why they are stale
        }
        List<MultiGauge.Row<?>> states = new ArrayList<>();
        List<MultiGauge.Row<?>> failed = new ArrayList<>();
        List<MultiGauge.Row<?>> wal = new ArrayList<>();
        List<MultiGauge.Row<?>> active = new ArrayList<>();
        connectors.forEach((name, overview) -> {
            Tags tags = Tags.of("connector", name);
            String current = overview.state().state();
            for (String each : STATES) {
                states.add(MultiGauge.Row.of(tags.and("state", each), each.equals(current) ? 1 : 0));
            }
            failed.add(MultiGauge.Row.of(tags, overview.state().tasks().stream()
                    .filter(t -> "FAILED".equals(t.state())).count()));
            if (ConnectorService.isPostgres(overview.config().get(TranslatedConfig.CONNECTOR_CLASS))) {
                Map<String, Object> slot = ReplicationSlots.describe(overview.config());
                Tags slotTags = tags.and("slot", String.valueOf(slot.get("slot_name")));
                if (slot.get("retained_wal_bytes") instanceof Long bytes) {
                    wal.add(MultiGauge.Row.of(slotTags, bytes));
                }
                if (slot.get("active") instanceof Boolean on) {
                    active.add(MultiGauge.Row.of(slotTags, on ? 1 : 0));
                }
            }
        });
        state.register(states, true);
        failedTasks.register(failed, true);
        retainedWal.register(wal, true);
        slotActive.register(active, true);
    }

    @PreDestroy
    void close() {
        refresher.close();
    }
}
