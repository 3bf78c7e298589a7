package io.spillway.devstack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A real Apache Kafka broker in KRaft mode (broker and controller in one child JVM). */
public final class KafkaBroker implements AutoCloseable {
    private final ManagedProcess process;
    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final Path logDir;

    private KafkaBroker(ManagedProcess process, int port, int controllerPort, Path dataDir, Path logDir) {
        this.process = process;
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.logDir = logDir;
    }

    public static KafkaBroker start(Path dataDir, Path logDir, int port, int controllerPort) {
        Path config = writeConfig(dataDir, port, controllerPort);
        String classpath = DevstackBuild.childClasspath();
        Path logConfig = ChildLogging.writeConfig(dataDir);
        if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            // First start: format the storage once, as kafka-storage.sh format would.
            ManagedProcess.runJava("kafka-storage-format", classpath, "kafka.tools.StorageTool",
                    // "=": a random id may start with '-', which the tool would read as an option.
                    List.of("format", "--cluster-id=" + clusterId(), "-c", config.toString(), "--ignore-formatted"),
                    dataDir, logDir.resolve("kafka-format.log"));
        }
        ManagedProcess process = ManagedProcess.startJava("kafka", classpath,
                List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-Dlog4j2.configurationFile=" + logConfig,
                        "-Djava.awt.headless=true"),
                "kafka.Kafka", List.of(config.toString()), dataDir, logDir.resolve("kafka.log"), Map.of());
        Ports.awaitListening(port, Duration.ofSeconds(90), "Kafka broker", process);
        return new KafkaBroker(process, port, controllerPort, dataDir, logDir);
    }

    private static String clusterId() {
        // Kafka wants 16 random bytes, base64url without padding (what kafka-storage.sh random-uuid prints).
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static Path writeConfig(Path dataDir, int port, int controllerPort) {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
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

    public ManagedProcess process() {
        return process;
    }

    /** A clean stop (SIGTERM) and a start of the same broker: same ports, same log directory. */
    public KafkaBroker restart() {
        close();
        return start(dataDir, logDir, port, controllerPort);
    }

    @Override
    public void close() {
        process.close();
    }
}
