package io.spillway.debezium.snapshot;

import io.spillway.api.ConflictException;
import io.spillway.api.InvalidRequestException;
import io.spillway.api.NotFoundException;
import io.spillway.debezium.ConnectClient;
import io.spillway.debezium.ConnectorNames;
import io.spillway.debezium.ConnectorState;
import io.spillway.debezium.SecretRedaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Incremental snapshots on demand and tables added to or removed from a running PostgreSQL connector.
 * Streaming goes on meanwhile: Debezium interleaves the snapshot's chunks with the stream.
 */
@Service
public class SnapshotService {
    static final String POSTGRES_CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";
    /** Notifications older than the signal by this much are not read (clock skew between Spillway and Connect). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Duration RESTART_PATIENCE = Duration.ofSeconds(45);

    private final ConnectClient connect;
    private final SnapshotChannels channels;
    private final SnapshotSignals signals;
    private final TopicReader reader;

    public SnapshotService(ConnectClient connect, SnapshotChannels channels, SnapshotSignals signals,
            TopicReader reader) {
        this.connect = connect;
        this.channels = channels;
        this.signals = signals;
        this.reader = reader;
    }

    public SnapshotProgress start(String connectorName, SnapshotRequest request) {
        String name = ConnectorNames.require(connectorName);
        List<String> tables = CapturedTables.requireNames(request == null ? null : request.tables(), "tables");
        Map<String, String> filters = CapturedTables.requireFilters(request.filters(), tables);
        Map<String, String> config = signalling(name);
        CapturedTables.requireCaptured(tables, config, name);
        return send(name, config, tables, filters);
    }

    public SnapshotProgress progress(String connectorName) {
        String name = ConnectorNames.require(connectorName);
        Map<String, String> config = signalling(name);
        SnapshotProgress progress = current(name, config).orElseThrow(() -> new NotFoundException("no incremental "
                + "snapshot was requested for connector '" + name + "' (none on its signal topic "
                + config.get(SnapshotChannels.SIGNAL_TOPIC) + "): start one with POST /debezium/connector/" + name
                + "/snapshot"));
        return progress.finished() ? progress : progress.withConnectorProblem(connectorProblem(name, config));
    }

    /**
     * Why the snapshot cannot move, when the connector or a task FAILED (Debezium 3.6's read-only incremental
     * snapshot can fail its task on a race between the signal and the streaming thread); null when it runs.
     */
    private String connectorProblem(String name, Map<String, String> config) {
        Optional<ConnectorState> status = connect.status(name);
        if (status.isEmpty() || !status.get().anyFailed()) {
            return null;
        }
        ConnectorState state = status.get();
        String what = "FAILED".equals(state.state()) ? "the connector FAILED: " + state.trace()
                : state.tasks().stream().filter(t -> "FAILED".equals(t.state())).findFirst()
                        .map(t -> "task " + t.id() + " FAILED: " + t.trace()).orElse("a task FAILED");
        return SecretRedaction.scrub(what, SecretRedaction.secretValues(config)) + "; nothing is captured or"
                + " snapshotted until it runs again: POST /debezium/connector/" + name + "/restart, and Debezium"
                + " resumes the snapshot from its last chunk (GET /debezium/connector/" + name + "/info shows the"
                + " task's state)";
    }

    public SnapshotProgress stop(String connectorName) {
        String name = ConnectorNames.require(connectorName);
        Map<String, String> config = signalling(name);
        SnapshotProgress progress = progress(name);
        if (progress.finished()) {
            throw new ConflictException("the latest snapshot of '" + name + "' is " + progress.state()
                    + ": there is nothing to stop");
        }
        signals.stop(config.get(SnapshotChannels.SIGNAL_TOPIC), config.get("topic.prefix"), progress.tablesRequested());
        return progress(name);
    }

    public TablesChanged changeTables(String connectorName, TablesPatch patch) {
        String name = ConnectorNames.require(connectorName);
        List<String> add = patch == null || patch.addTables() == null ? List.of()
                : CapturedTables.requireNames(patch.addTables(), "add_tables");
        List<String> remove = patch == null || patch.removeTables() == null ? List.of()
                : CapturedTables.requireNames(patch.removeTables(), "remove_tables");
        if (add.isEmpty() && remove.isEmpty()) {
            throw new InvalidRequestException("nothing to change: give add_tables and/or remove_tables");
        }
        List<String> both = new ArrayList<>(add);
        both.retainAll(remove);
        if (!both.isEmpty()) {
            throw new InvalidRequestException(both + " are both added and removed: pick one");
        }
        boolean snapshot = patch.snapshot() == null || patch.snapshot();
        Map<String, String> config = snapshot && !add.isEmpty() ? signalling(name) : postgresConfig(name);
        IncludeList list = IncludeList.change(config.get("table.include.list"), add, remove, name);
        Map<String, String> updated = new HashMap<>(config);
        updated.put("table.include.list", list.value());
        connect.putConfig(name, updated);
        boolean publicationUpdated = PublicationTables.await(updated, list.added(), list.removed(), RESTART_PATIENCE);
        SnapshotProgress started = null;
        String note = null;
        if (snapshot && !list.added().isEmpty()) {
            if (publicationUpdated || !"filtered".equalsIgnoreCase(updated.get("publication.autocreate.mode"))) {
                started = send(name, updated, list.added(), Map.of());
            } else {
                note = "the connector's publication does not show the change yet (is the connector RUNNING?): "
                        + "start the snapshot with POST /debezium/connector/" + name + "/snapshot once it does";
            }
        }
        return new TablesChanged(name, list.value(), list.added(), list.removed(), publicationUpdated, started, note);
    }

    private SnapshotProgress send(String name, Map<String, String> config, List<String> tables,
            Map<String, String> filters) {
        Optional<SnapshotProgress> running = current(name, config).filter(p -> !p.finished()
                && !"STOP_REQUESTED".equals(p.state()));
        if (running.isPresent()) {
            throw new ConflictException("an incremental snapshot of '" + name + "' is " + running.get().state()
                    + " (" + running.get().tablesRequested() + "): wait until GET /debezium/connector/" + name
                    + "/snapshot shows it COMPLETED, or stop it with DELETE on that path");
        }
        channels.createTopics(config);
        String topic = config.get(SnapshotChannels.SIGNAL_TOPIC);
        String id = signals.execute(topic, config.get("topic.prefix"), tables, filters);
        return current(name, config).filter(p -> p.id().equals(id)).orElseGet(() -> ProgressFold.fold(name,
                new SentSignal(id, tables, filters, Instant.now(), null), List.of()));
    }

    private Optional<SnapshotProgress> current(String name, Map<String, String> config) {
        return signals.latest(config.get(SnapshotChannels.SIGNAL_TOPIC), config.get("topic.prefix")).map(signal -> {
            List<String> notifications = reader.since(config.get(SnapshotChannels.NOTIFICATION_TOPIC),
                    signal.requestedAt().minus(CLOCK_SKEW)).stream().map(TopicReader.Entry::value).toList();
            return ProgressFold.fold(name, signal, notifications, chunkSize(config));
        });
    }

    /** The connector's chunk size; Debezium's default when unset or not a positive number. */
    private static int chunkSize(Map<String, String> config) {
        try {
            int size = Integer.parseInt(config.getOrDefault("incremental.snapshot.chunk.size", "").strip());
            return size > 0 ? size : ProgressFold.DEFAULT_CHUNK_SIZE;
        } catch (NumberFormatException e) {
            return ProgressFold.DEFAULT_CHUNK_SIZE;
        }
    }

    private Map<String, String> postgresConfig(String name) {
        Map<String, String> config = connect.config(name).orElseThrow(() -> new NotFoundException("no connector named '"
                + name + "' in Kafka Connect: GET /debezium/list/ shows the connectors that exist"));
        if (!POSTGRES_CONNECTOR.equals(config.get("connector.class"))) {
            throw new ConflictException("connector '" + name + "' is a " + config.get("connector.class")
                    + ": snapshots and table changes work on PostgreSQL connectors (" + POSTGRES_CONNECTOR + ") only");
        }
        return config;
    }

    /** The connector's config, refused with the keys to add when it cannot take Spillway's signals. */
    private Map<String, String> signalling(String name) {
        Map<String, String> config = postgresConfig(name);
        SignalSetup.require(name, config, channels.wanted(name));
        return config;
    }
}
