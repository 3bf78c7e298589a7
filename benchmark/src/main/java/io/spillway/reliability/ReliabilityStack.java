package io.spillway.reliability;

import io.spillway.bench.JsonHttp;
import io.spillway.bench.KafkaProgress;
import io.spillway.bench.RedisStats;
import io.spillway.devstack.Devstack;
import io.spillway.devstack.DevstackSettings;
import io.spillway.devstack.ManagedProcess;
import io.spillway.devstack.Ports;
import io.spillway.devstack.PostgresServer;
import io.spillway.devstack.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The stack under test: the devstack (source PostgreSQL, Kafka, Connect, Redis), a second PostgreSQL
 * server holding the target database {@code warehouse} (so it can be stopped without stopping the
 * source), and the service as a child JVM. Every fault goes through here.
 */
public final class ReliabilityStack implements AutoCloseable {
    private static final List<String> SERVICE_JVM = List.of("-Xmx768m", "-XX:+UseG1GC");

    private final Path dataDir;
    private final Devstack devstack;
    private final Path serviceJar;
    private final int targetPort;
    private volatile PostgresServer target;
    private volatile ManagedProcess service;
    private final KafkaProgress kafka;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ReliabilityStack(Path dataDir, Devstack devstack, Path serviceJar, int targetPort) {
        this.dataDir = dataDir;
        this.devstack = devstack;
        this.serviceJar = serviceJar;
        this.targetPort = targetPort;
        this.kafka = new KafkaProgress(devstack.kafka().bootstrapServers());
    }

    public static ReliabilityStack start(Path serviceJar) throws Exception {
        Path dataDir = Files.createTempDirectory("spillway-reliability");
        Devstack devstack = Devstack.start(DevstackSettings.randomPorts(dataDir), true);
        ReliabilityStack stack = new ReliabilityStack(dataDir, devstack, serviceJar, Ports.free());
        try {
            stack.startTarget();
            stack.startService();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    Devstack devstack() {
        return devstack;
    }

    Path dataDir() {
        return dataDir;
    }

    KafkaProgress kafka() {
        return kafka;
    }

    JsonHttp api() {
        return new JsonHttp("http://localhost:" + devstack.settings().apiPort());
    }

    Path serviceLog() {
        return dataDir.resolve("logs").resolve("service.log");
    }

    void startService() {
        service = ServiceProcess.start(serviceJar, devstack, devstack.settings(), SERVICE_JVM);
    }

    void killService() {
        service.kill();
    }

    void flushRedis() {
        try (RedisStats redis = new RedisStats(devstack.redis().port())) {
            redis.flushAll();
        }
    }

    void stopTarget() {
        target.close();
    }

    void startTarget() {
        target = PostgresServer.start(dataDir.resolve("target-postgres"), targetPort);
    }

    /** The JDBC URL of the target database, as the service's connection uses it. */
    String targetJdbcUrl() {
        return "jdbc:postgresql://localhost:" + targetPort + "/" + PostgresServer.TARGET_DB;
    }

    Connection target() throws SQLException {
        // Short timeouts: the target may be the server that is down.
        return DriverManager.getConnection(targetJdbcUrl() + "?connectTimeout=5&socketTimeout=60", "postgres",
                "postgres");
    }

    Connection source() throws SQLException {
        return devstack.postgres().superuser(PostgresServer.SOURCE_DB);
    }

    int sourcePort() {
        return devstack.postgres().port();
    }

    void produce(List<ProducerRecord<byte[], byte[]>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record).get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("producing the malformed records failed: " + e, e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // closed already (the Ctrl-C hook and the normal end may both get here)
        }
        kafka.close();
        if (service != null) {
            service.close();
        }
        if (target != null) {
            try {
                target.close();
            } catch (RuntimeException e) {
                System.err.println("stopping the target PostgreSQL: " + e.getMessage());
            }
        }
        try {
            // Ends Debezium's walsender first, so the source PostgreSQL stops cleanly with the stack.
            new JsonHttp(devstack.connect().url()).delete("/connectors/" + PipelineSetup.CONNECTOR);
        } catch (RuntimeException e) {
            // Connect may be the component that is down
        }
        devstack.close();
    }
}
