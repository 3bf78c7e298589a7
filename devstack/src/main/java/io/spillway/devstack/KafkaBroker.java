package io.spillway.devstack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one child JVM). Its PLAINTEXT listener
 * serves everything (Kafka Connect too); with a SASL port, a second listener takes SASL_PLAINTEXT with
 * SCRAM-SHA-512 for the user {@link #SCRAM_USER}, for tests of clients that authenticate.
 */
public final class KafkaBroker implements AutoCloseable {
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    public static final String SCRAM_USER = "spillway";
    /** A test credential of a loopback-only broker, like {@link PostgresServer#TARGET_PASSWORD}. */
    public static final String SCRAM_PASSWORD = "spillway-scram-secret";

    private final ManagedProcess process;
    private final int port;
    private final int controllerPort;
    private final int saslPort;
    private final Path dataDir;
    private final Path logDir;

    private KafkaBroker(ManagedProcess process, int port, int controllerPort, int saslPort, Path dataDir,
            Path logDir) {
        this.process = process;
        this.port = port;
        this.controllerPort = controllerPort;
        this.saslPort = saslPort;
        this.dataDir = dataDir;
        this.logDir = logDir;
    }

    /** {@code saslPort}: 0 for no SASL listener. */
    public static KafkaBroker start(Path dataDir, Path logDir, int port, int controllerPort, int saslPort) {
        Path config = writeConfig(dataDir, port, controllerPort, saslPort);
        String classpath = DevstackBuild.childClasspath();
        Path logConfig = ChildLogging.writeConfig(dataDir);
        if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            // First start: format the storage once, as kafka-storage.sh format would.
            // "=": a random id may start with '-', which the tool would read as an option.
            List<String> format = new ArrayList<>(List.of("format", "--cluster-id=" + clusterId(),
                    "-c", config.toString(), "--ignore-formatted"));
            if (saslPort > 0) {
                // The SCRAM user goes into the first metadata records: no admin call, no wait at start.
                format.addAll(List.of("--add-scram",
                        SCRAM_MECHANISM + "=[name=" + SCRAM_USER + ",password=" + SCRAM_PASSWORD + "]"));
            }
            ManagedProcess.runJava("kafka-storage-format", classpath, "kafka.tools.StorageTool", format,
                    dataDir, logDir.resolve("kafka-format.log"));
        }
        ManagedProcess process = ManagedProcess.startJava("kafka", classpath,
                List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-Dlog4j2.configurationFile=" + logConfig,
                        "-Djava.awt.headless=true"),
                "kafka.Kafka", List.of(config.toString()), dataDir, logDir.resolve("kafka.log"), Map.of());
        Ports.awaitListening(port, Duration.ofSeconds(90), "Kafka broker", process);
        if (saslPort > 0) {
            Ports.awaitListening(saslPort, Duration.ofSeconds(30), "Kafka broker's SASL listener", process);
        }
        return new KafkaBroker(process, port, controllerPort, saslPort, dataDir, logDir);
    }

    private static String clusterId() {
        // Kafka wants 16 random bytes, base64url without padding (what kafka-storage.sh random-uuid prints).
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static Path writeConfig(Path dataDir, int port, int controllerPort, int saslPort) {
        String sasl = saslPort > 0 ? ",SASL_PLAINTEXT://127.0.0.1:" + saslPort : "";
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort + sasl,
                "advertised.listeners=PLAINTEXT://localhost:" + port + sasl.replace("127.0.0.1", "localhost"),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms=" + SCRAM_MECHANISM,
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "log.dirs=" + dataDir.resolve("logs"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.retention.hours=168",
                "");
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("server.properties");
            Files.writeString(file, properties);
            return file;
        } catch (IOException e) {
            throw new DevstackException("cannot write the Kafka configuration: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The SASL_PLAINTEXT listener (SCRAM-SHA-512); fails when the broker was started without one. */
    public String saslBootstrapServers() {
        if (saslPort <= 0) {
            throw new IllegalStateException("this broker has no SASL listener (DevstackSettings.kafkaSaslPort)");
        }
        return "localhost:" + saslPort;
    }

    /** A client's sasl.jaas.config for SCRAM with these credentials. */
    public static String scramJaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    public ManagedProcess process() {
        return process;
    }

    /** A clean stop (SIGTERM) and a start of the same broker: same ports, same log directory. */
    public KafkaBroker restart() {
        close();
        return start(dataDir, logDir, port, controllerPort, saslPort);
    }

    @Override
    public void close() {
        process.close();
    }
}
