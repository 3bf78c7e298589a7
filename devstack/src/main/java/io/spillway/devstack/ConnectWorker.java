package io.spillway.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Kafka Connect distributed worker (child JVM) with the Debezium PostgreSQL source and the
 * Debezium JDBC sink installed under {@code plugin.path}, each in its own class loader. A worker may be
 * started with HTTP basic auth on its REST API, as a group of its own beside the devstack's worker.
 */
public final class ConnectWorker implements AutoCloseable {
    public static final String POSTGRES_CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";
    public static final String JDBC_SINK_CONNECTOR = "io.debezium.connector.jdbc.JdbcSinkConnector";

    private final ManagedProcess process;
    private final int port;
    private final Path dataDir;
    private final Path logDir;
    private final String bootstrapServers;
    private final ConnectGroup group;

    private ConnectWorker(ManagedProcess process, int port, Path dataDir, Path logDir, String bootstrapServers,
            ConnectGroup group) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
        this.group = group;
    }

    public static ConnectWorker start(Path dataDir, Path logDir, int port, String bootstrapServers) {
        return start(dataDir, logDir, port, bootstrapServers, ConnectGroup.DEVSTACK);
    }

    /**
     * A worker of the given group; with users, every REST call needs HTTP basic auth as one of them
     * (Kafka's BasicAuthSecurityRestExtension with a JAAS PropertyFileLoginModule).
     */
    public static ConnectWorker start(Path dataDir, Path logDir, int port, String bootstrapServers,
            ConnectGroup group) {
        ConnectTopics.ensureCompacted(bootstrapServers, Map.of(group.configs(), 1, group.offsets(), 5,
                group.status(), 1));
        Path config = writeConfig(dataDir, port, bootstrapServers, group);
        Path logConfig = ChildLogging.writeConfig(dataDir);
        List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + logConfig, "-Djava.awt.headless=true"));
        if (!group.users().isEmpty()) {
            jvm.add("-Djava.security.auth.login.config=" + group.writeJaas(dataDir));
        }
        ManagedProcess process = ManagedProcess.startJava("kafka-connect", DevstackBuild.childClasspath(), jvm,
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(config.toString()), dataDir,
                logDir.resolve("connect.log"), Map.of());
        ConnectWorker worker = new ConnectWorker(process, port, dataDir, logDir, bootstrapServers, group);
        worker.awaitReady(Duration.ofSeconds(180));
        return worker;
    }

    private static Path writeConfig(Path dataDir, int port, String bootstrapServers, ConnectGroup group) {
        String properties = String.join("\n",
                "bootstrap.servers=" + bootstrapServers,
                "group.id=" + group.id(),
                "key.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "key.converter.schemas.enable=true",
                "value.converter.schemas.enable=true",
                "config.storage.topic=" + group.configs(),
                "offset.storage.topic=" + group.offsets(),
                "status.storage.topic=" + group.status(),
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "offset.storage.partitions=5",
                "status.storage.partitions=1",
                "offset.flush.interval.ms=1000",
                "listeners=http://127.0.0.1:" + port,
                "rest.advertised.host.name=localhost",
                "rest.advertised.port=" + port,
                "plugin.path=" + DevstackBuild.connectPluginsDir(),
                // Debezium's jars declare their plugins as services: no reflective scan of every class.
                "plugin.discovery=service_load",
                "connector.client.config.override.policy=All",
                group.restExtensionProperty(),
                "");
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("connect-distributed.properties");
            Files.writeString(file, properties);
            return file;
        } catch (IOException e) {
            throw new DevstackException("cannot write the Connect configuration: " + e.getMessage(), e);
        }
    }

    /** Ready means: REST answers and both Debezium plugins are listed. */
    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonRest rest = new JsonRest(url(), group.authorization().orElse(null));
        while (true) {
            if (!process.isAlive()) {
                throw new DevstackException("Kafka Connect exited during start-up; see " + process.logFile());
            }
            JsonRest.Response plugins = rest.tryGet("/connector-plugins");
            JsonRest.Response connectors = rest.tryGet("/connectors");
            if (plugins.status() == 200 && connectors.status() == 200) {
                if (plugins.body().contains(POSTGRES_CONNECTOR) && plugins.body().contains(JDBC_SINK_CONNECTOR)) {
                    return;
                }
                throw new DevstackException("Kafka Connect is missing a Debezium plugin (found " + plugins.body()
                        + "); check " + DevstackBuild.connectPluginsDir());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DevstackException("Kafka Connect was not ready within " + timeout.toSeconds()
                        + " s; see " + process.logFile());
            }
            Sleeper.pause(Duration.ofMillis(250));
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public ManagedProcess process() {
        return process;
    }

    /**
     * A clean stop (SIGTERM: tasks stop and commit their offsets) and a start of the same worker; its
     * connectors come back from Connect's config topic and resume from its offsets topic.
     */
    public ConnectWorker restart() {
        close();
        return start(dataDir, logDir, port, bootstrapServers, group);
    }

    @Override
    public void close() {
        process.close();
    }
}
