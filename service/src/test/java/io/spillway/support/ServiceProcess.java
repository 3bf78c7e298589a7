package io.spillway.support;

import io.spillway.devstack.Devstack;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as a separate JVM (this test's own classpath, so the test jobs are in it): what a crash
 * test kills with SIGKILL, and a second instance for scale-out tests.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts the service on {@code port} with these {@code spillway.*}-style properties; waits until it answers. */
    /** The settings that point a child service at the test stack, with its Redis database {@code redisDb}. */
    public static Map<String, String> onStack(Devstack stack, int redisDb) {
        return Map.of("spillway.kafka-broker", stack.kafka().bootstrapServers(),
                "spillway.debezium-connector-url", stack.connect().url() + "/connectors",
                "spillway.redis-url", stack.redis().url() + "/" + redisDb);
    }

    public static ServiceProcess start(int port, Map<String, String> properties, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.spillway.SpillwayApplication",
                "--server.port=" + port));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        Path dir = Files.createTempDirectory("spillway-child");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        service.awaitUp(Duration.ofSeconds(120));
        return service;
    }

    private void awaitUp(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("service process exited with " + process.exitValue() + "; see " + log);
            }
            try {
                // any answer means Spring is up (with an API key, "/" answers 401)
                api().get("/health");
                return;
            } catch (AssertionError notYet) {
                // connection refused: still starting
            }
            Thread.sleep(250); // polling a child process' port; there is nothing to wait on instead
        }
        throw new AssertionError("service process not up within " + timeout.toSeconds() + " s; see " + log);
    }

    public Api api() {
        return new Api("http://localhost:" + port);
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
