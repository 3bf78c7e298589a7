package io.spillway.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The Spillway service as a child JVM, wired to the devstack through its documented settings. */
public final class ServiceProcess {
    private ServiceProcess() {
    }

    public static ManagedProcess start(Path jar, Devstack stack, DevstackSettings settings) {
        return start(jar, stack, settings, List.of("-Xmx1g"));
    }

    /** With the JVM options given (the benchmark sets the heap it measures against). */
    public static ManagedProcess start(Path jar, Devstack stack, DevstackSettings settings, List<String> jvmOptions) {
        Map<String, String> env = Map.of(
                "SPILLWAY_API_PORT", String.valueOf(settings.apiPort()),
                "KAFKA_BROKER", stack.kafka().bootstrapServers(),
                "DEBEZIUM_CONNECTOR_URL", stack.connect().url() + "/connectors",
                "REDIS_URL", stack.redis().url());
        // Boot's launcher under ChildMain: the service exits with its parent, even a SIGKILLed one.
        String classpath = DevstackBuild.ownCodeLocation() + java.io.File.pathSeparator + jar.toAbsolutePath();
        Path logs = settings.dataDir().resolve("logs");
        ManagedProcess process = ManagedProcess.startJava("spillway-service", classpath, jvmOptions,
                "org.springframework.boot.loader.launch.JarLauncher", List.of(), settings.dataDir(),
                logs.resolve("service.log"), env);
        awaitHttpOk("http://localhost:" + settings.apiPort() + "/", Duration.ofSeconds(120), process);
        return process;
    }

    private static void awaitHttpOk(String url, Duration timeout, ManagedProcess process) {
        JsonRest http = new JsonRest(url);
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!process.isAlive()) {
                throw new DevstackException("the Spillway service exited during start-up; see " + process.logFile());
            }
            int status = http.tryGet("").status();
            if (status > 0 && status < 500) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DevstackException("the Spillway service did not answer " + url + " within "
                        + timeout.toSeconds() + " s; see " + process.logFile());
            }
            Sleeper.pause(Duration.ofMillis(250));
        }
    }
}
