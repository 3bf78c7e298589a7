package io.spillway.devstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the devstack keeps its data and which ports it listens on. Every port has a setting
 * (environment variable) so that a taken port can be moved without touching code.
 *
 * @param kafkaSaslPort the broker's extra SASL_PLAINTEXT (SCRAM-SHA-512) listener, 0 for none: test stacks
 *     have one, {@code ./spillway up} does not (see {@link KafkaBroker#SCRAM_USER})
 */
public record DevstackSettings(
        Path dataDir,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int connectPort,
        int redisPort,
        int apiPort,
        int kafkaSaslPort) {

    public static final String DATA_DIR = "SPILLWAY_DATA_DIR";
    public static final String POSTGRES_PORT = "SPILLWAY_POSTGRES_PORT";
    public static final String KAFKA_PORT = "SPILLWAY_KAFKA_PORT";
    public static final String KAFKA_CONTROLLER_PORT = "SPILLWAY_KAFKA_CONTROLLER_PORT";
    public static final String CONNECT_PORT = "SPILLWAY_CONNECT_PORT";
    public static final String REDIS_PORT = "SPILLWAY_REDIS_PORT";
    public static final String API_PORT = "SPILLWAY_API_PORT";

    /** The defaults of the README, each overridable by its environment variable. */
    public static DevstackSettings fromEnvironment(Map<String, String> env, Path defaultDataDir) {
        return new DevstackSettings(
                Path.of(env.getOrDefault(DATA_DIR, defaultDataDir.toString())).toAbsolutePath(),
                port(env, POSTGRES_PORT, 5432),
                port(env, KAFKA_PORT, 9092),
                port(env, KAFKA_CONTROLLER_PORT, 9093),
                port(env, CONNECT_PORT, 8083),
                port(env, REDIS_PORT, 6379),
                port(env, API_PORT, 8000),
                0);
    }

    /**
     * Free random ports, for tests that share one machine with a running stack; with the broker's SASL
     * listener (it costs a port, not start time: its user is created when the storage is formatted).
     */
    public static DevstackSettings randomPorts(Path dataDir) {
        // Distinct ports: the OS may hand out a just-released port again.
        java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
        while (ports.size() < 7) {
            ports.add(Ports.free());
        }
        java.util.Iterator<Integer> next = ports.iterator();
        return new DevstackSettings(dataDir.toAbsolutePath(), next.next(), next.next(), next.next(),
                next.next(), next.next(), next.next(), next.next());
    }

    /** Fails with one line naming the setting to change, before anything starts. */
    public void requirePortsFree() {
        Ports.requireFree(postgresPort, POSTGRES_PORT);
        Ports.requireFree(kafkaPort, KAFKA_PORT);
        Ports.requireFree(kafkaControllerPort, KAFKA_CONTROLLER_PORT);
        Ports.requireFree(connectPort, CONNECT_PORT);
        Ports.requireFree(redisPort, REDIS_PORT);
        if (kafkaSaslPort > 0) {
            Ports.requireFree(kafkaSaslPort, "DevstackSettings.kafkaSaslPort");
        }
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new DevstackException(name + "=" + value + " is not a port number (1-65535)");
        }
    }
}
