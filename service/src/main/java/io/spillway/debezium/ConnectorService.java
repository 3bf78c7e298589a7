package io.spillway.debezium;

import io.spillway.api.ConflictException;
import io.spillway.api.InvalidRequestException;
import io.spillway.api.NotFoundException;
import io.spillway.config.SpillwayProperties;
import io.spillway.debezium.snapshot.SnapshotChannels;
import io.spillway.pipeline.ConnectorDefaults;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Debezium connector management on top of Kafka Connect: translates the seed's config keys, adds the
 * heartbeat default, validates with Connect before creating, and redacts secrets on the way out.
 */
@Service
public class ConnectorService {
    static final String POSTGRES_CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";
    static final String HEARTBEAT = "heartbeat.interval.ms";

    private final ConnectClient connect;
    private final SpillwayProperties properties;
    private final ConnectorPolicy policy;
    private final SnapshotChannels snapshotChannels;

    public ConnectorService(ConnectClient connect, SpillwayProperties properties, SnapshotChannels snapshotChannels) {
        this.connect = connect;
        this.properties = properties;
        this.policy = new ConnectorPolicy(properties);
        this.snapshotChannels = snapshotChannels;
    }

    public ConnectorDetails start(DebeziumConnectorPayload payload) {
        String name = ConnectorNames.require(payload.name());
        String pluginClass = installedPlugin(TranslatedConfig.connectorClass(payload.config()));
        policy.requireAllowedClass(pluginClass);
        TranslatedConfig translated = TranslatedConfig.translate(payload.config(), connect.pluginConfigNames(pluginClass));
        policy.requireAllowedOverrides(translated.config()); // the request's keys, before our own defaults
        TopicCompression.requireKnown(translated.config());
        TranslatedConfig requested = translated;
        String configName = translated.config().get("name");
        if (configName != null && !configName.equals(name)) {
            throw new InvalidRequestException("config.name is '" + configName + "' but the connector is named '"
                    + name + "': remove config.name or make them equal");
        }
        if (isPostgres(pluginClass)) {
            // A quiet captured table must not pin WAL on the source: heartbeats let the slot advance.
            translated = translated.withDefault(HEARTBEAT, Long.toString(properties.defaultHeartbeatIntervalMs()));
            // The settings the jobs' faithful types rely on; the request may override each one.
            for (Map.Entry<String, String> setting : ConnectorDefaults.POSTGRES_SOURCE.entrySet()) {
                translated = translated.withDefault(setting.getKey(), setting.getValue());
            }
            // Incremental snapshots on demand: Kafka signals, read-only watermarks, notifications (see SnapshotChannels).
            for (Map.Entry<String, String> setting : snapshotChannels.connectorDefaults(name).entrySet()) {
                translated = translated.withDefault(setting.getKey(), setting.getValue());
            }
        }
        // The change topics' compression (TopicCompression); the request may choose its own codec.
        translated = translated.withDefault(TopicCompression.KEY, TopicCompression.DEFAULT);
        if (connect.status(name).isPresent()) {
            throw new ConflictException("a connector named '" + name
                    + "' already exists: delete it first (DELETE /debezium/connector/" + name
                    + "/delete/) or choose another name");
        }
        ConfigValidation validation = connect.validate(pluginClass, translated.withDefault("name", name).config());
        if (TopicCompression.refusedDefault(validation, requested)) {
            // The worker allows no client overrides: the connector goes without our compression default.
            translated = translated.without(TopicCompression.KEY);
            validation = connect.validate(pluginClass, translated.withDefault("name", name).config());
        }
        rejectInvalid(validation, translated.withDefault("name", name));
        snapshotChannels.createTopics(translated.config());
        Map<String, String> created = connect.create(name, translated.config());
        ConnectorState state = connect.status(name).orElse(null);
        return details(name, created, state);
    }

    public List<ConnectorSummary> list() {
        return connect.connectors().entrySet().stream().map(entry -> {
            ConnectorState state = entry.getValue().state();
            List<String> secrets = SecretRedaction.secretValues(entry.getValue().config());
            return new ConnectorSummary(entry.getKey(), state.type(),
                    entry.getValue().config().get(TranslatedConfig.CONNECTOR_CLASS),
                    emptyToUnassigned(state.state()), scrubbed(state.tasks(), secrets));
        }).toList();
    }

    public ConnectorDetails info(String connectorName) {
        String name = ConnectorNames.require(connectorName);
        Map<String, String> config = connect.config(name).orElseThrow(() -> notFound(name));
        ConnectorState state = connect.status(name).orElseThrow(() -> notFound(name));
        return details(name, config, state);
    }

    /** Restarts what FAILED of the connector (itself, its tasks); its details as they are just after. */
    public ConnectorDetails restartFailed(String connectorName) {
        String name = ConnectorNames.require(connectorName);
        if (!connect.restartFailed(name)) {
            throw notFound(name);
        }
        return info(name);
    }

    public void delete(String connectorName) {
        String name = ConnectorNames.require(connectorName);
        if (!connect.delete(name)) {
            throw notFound(name);
        }
        snapshotChannels.deleteTopics(name);
    }

    static boolean isPostgres(String pluginClass) {
        return POSTGRES_CONNECTOR.equals(pluginClass);
    }

    /** The installed plugin's full class name (Connect also accepts its simple name and alias). */
    private String installedPlugin(String requested) {
        List<String> installed = connect.connectorPlugins();
        return installed.stream()
                .filter(plugin -> plugin.equals(requested) || simpleName(plugin).equals(requested)
                        || simpleName(plugin).equals(requested + "Connector"))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException("connector class '" + requested
                        + "' is not installed in Kafka Connect: use one of " + installed));
    }

    private static void rejectInvalid(ConfigValidation validation, TranslatedConfig translated) {
        if (validation.valid()) {
            return;
        }
        String problems = validation.errors().entrySet().stream()
                .map(e -> fieldName(translated, e.getKey()) + ": " + String.join(" ", e.getValue()))
                .collect(Collectors.joining("; "));
        throw new InvalidRequestException("invalid connector config (" + validation.errors().size()
                + " field(s)): " + problems);
    }

    private static String fieldName(TranslatedConfig translated, String connectKey) {
        String requestKey = translated.requestKey(connectKey);
        return requestKey.equals(connectKey) ? connectKey : requestKey + " (" + connectKey + ")";
    }

    private static ConnectorDetails details(String name, Map<String, String> config, ConnectorState state) {
        List<String> secrets = SecretRedaction.secretValues(config);
        if (state == null) {
            return new ConnectorDetails(name, null, config.get(TranslatedConfig.CONNECTOR_CLASS), "UNASSIGNED",
                    null, SecretRedaction.redact(config), List.of());
        }
        return new ConnectorDetails(name, state.type(), config.get(TranslatedConfig.CONNECTOR_CLASS),
                emptyToUnassigned(state.state()), SecretRedaction.scrub(state.trace(), secrets),
                SecretRedaction.redact(config), scrubbed(state.tasks(), secrets));
    }

    private static List<TaskState> scrubbed(List<TaskState> tasks, List<String> secrets) {
        return tasks.stream().map(t -> new TaskState(t.id(), t.state(), t.workerId(),
                SecretRedaction.scrub(t.trace(), secrets))).toList();
    }

    /** Connect has no status for a connector it has not assigned yet. */
    private static String emptyToUnassigned(String state) {
        return state == null || state.isEmpty() ? "UNASSIGNED" : state;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("no connector named '" + name
                + "' in Kafka Connect: GET /debezium/list/ shows the connectors that exist");
    }
}
