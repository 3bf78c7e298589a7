package io.spillway.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real Kafka Connect distributed worker (child JVM) with the Debezium PostgreSQL source and the
 * Debezium JDBC sink installed under {@code plugin.path}, each in its own class loader. A worker may be
 * started with HTTP basic auth on its REST API, as a group of its own beside the devstack's worker.
 */
public final class ConnectWorker implements AutoCloseable {
    public static final String POSTGRES_CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";
    public static final String JDBC_SINK_CONNECTOR = "io.debezium.connector.jdbc.JdbcSinkConnector";
    private static final String BASIC_AUTH_PACKAGE = "org.apache.kafka.connect.rest.basic.auth.extension";

    private final ManagedProcess process;
    private final int port;
    private final Path dataDir;
    private final Path logDir;
    private final String bootstrapServers;
    private final Group group;

    /**
     * Which Connect cluster the worker joins: its group id and internal topics, and the users its REST API
     * demands (user name to password; empty: no authentication).
     */
    public record Group(String id, String topicPrefix, Map<String, String> users) {
        static final Group DEVSTACK = new Group("spillway-devstack-connect", "connect", Map.of());

        String configs() {
            return topicPrefix + "-configs";
        }

        String offsets() {
            return topicPrefix + "-offsets";
        }

        String status() {
            return topicPrefix + "-status";
        }

        /** Never the passwords. */
        @Override
        public String toString() {
            return "Group[" + id + ", " + topicPrefix + ", users=" + users.keySet() + "]";
        }
    }

    private ConnectWorker(ManagedProcess process, int port, Path dataDir, Path logDir, String bootstrapServers,
            Group group) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
        this.group = group;
    }

    public static ConnectWorker start(Path dataDir, Path logDir, int port, String bootstrapServers) {
        return start(dataDir, logDir, port, bootstrapServers, Group.DEVSTACK);
    }

    /**
     * A worker of the given group; with users, every REST call needs HTTP basic auth as one of them
     * (Kafka's BasicAuthSecurityRestExtension with a JAAS PropertyFileLoginModule).
     */
    public static ConnectWorker start(Path dataDir, Path logDir, int port, String bootstrapServers, Group group) {
        ConnectTopics.ensureCompacted(bootstrapServers, Map.of(group.configs(), 1, group.offsets(), 5,
                group.status(), 1));
        Path config = writeConfig(dataDir, port, bootstrapServers, group);
        Path logConfig = ChildLogging.writeConfig(dataDir);
        List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + logConfig, "-Djava.awt.headless=true"));
        if (!group.users().isEmpty()) {
            jvm.add("-Djava.security.auth.login.config=" + writeJaas(dataDir, group.users()));
        }
        ManagedProcess process = ManagedProcess.startJava("kafka-connect", DevstackBuild.childClasspath(), jvm,
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(config.toString()), dataDir,
                logDir.resolve("connect.log"), Map.of());
        ConnectWorker worker = new ConnectWorker(process, port, dataDir, logDir, bootstrapServers, group);
        worker.awaitReady(Duration.ofSeconds(180));
        return worker;
    }

    /** The JAAS entry the extension reads ("KafkaConnect") and its users file (user=password lines). */
    private static Path writeJaas(Path dataDir, Map<String, String> users) {
        try {
            Files.createDirectories(dataDir);
            Path usersFile = dataDir.resolve("connect-users.properties");
            Files.writeString(usersFile, users.entrySet().stream().map(u -> u.getKey() + "=" + u.getValue())
                    .collect(Collectors.joining("\n", "", "\n")));
            Path jaas = dataDir.resolve("connect-jaas.conf");
            Files.writeString(jaas, "KafkaConnect {\n  " + BASIC_AUTH_PACKAGE + ".PropertyFileLoginModule required\n"
                    + "  file=\"" + usersFile + "\";\n};\n");
            return jaas;
        } catch (IOException e) {
            throw new DevstackException("cannot write the Connect JAAS configuration: " + e.getMessage(), e);
        }
    }

    private static Path writeConfig(Path dataDir, int port, String bootstrapServers, Group group) {
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
                group.users().isEmpty() ? "" : "rest.extension.classes=" + BASIC_AUTH_PACKAGE
                        + ".BasicAuthSecurityRestExtension",
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
        JsonRest rest = group.users().isEmpty() ? new JsonRest(url())
                : new JsonRest(url(), authorization(group.users().entrySet().iterator().next()));
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

    private static String authorization(Map.Entry<String, String> user) {
        return "Basic " + Base64.getEncoder().encodeToString((user.getKey() + ":" + user.getValue())
                .getBytes(StandardCharsets.UTF_8));
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
