package io.spillway.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./spillway up}: the whole stack and the service in the foreground, until Ctrl-C or SIGTERM,
 * which stops every process it started.
 */
public final class DevstackMain {
    private DevstackMain() {
    }

    public static void main(String[] args) {
        try {
            UpCommand command = UpCommand.parse(args);
            run(command);
        } catch (DevstackException e) {
            System.err.println("spillway: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The options of {@code ./spillway up}. */
    record UpCommand(boolean fresh, boolean demo, Path serviceJar) {
        static UpCommand parse(String[] args) {
            boolean fresh = false;
            boolean demo = false;
            Path serviceJar = null;
            List<String> rest = new ArrayList<>(List.of(args));
            if (!rest.isEmpty() && rest.get(0).equals("up")) {
                rest.remove(0);
            }
            for (int i = 0; i < rest.size(); i++) {
                switch (rest.get(i)) {
                    case "--fresh" -> fresh = true;
                    case "--demo" -> demo = true;
                    case "--service-jar" -> serviceJar = Path.of(rest.get(++i));
                    default -> throw new DevstackException("unknown option '" + rest.get(i)
                            + "'; usage: ./spillway up [--fresh] [--demo]");
                }
            }
            return new UpCommand(fresh, demo, serviceJar);
        }
    }

    private static void run(UpCommand command) {
        long startedAt = System.nanoTime();
        DevstackSettings settings = DevstackSettings.fromEnvironment(System.getenv(), Path.of(".spillway"));
        if (command.demo() && command.serviceJar() == null) {
            throw new DevstackException("--demo goes through Spillway's API: start it with ./spillway up --demo");
        }
        if (command.serviceJar() != null && !Files.isRegularFile(command.serviceJar())) {
            throw new DevstackException(command.serviceJar() + " is missing: build it with './mvnw -DskipTests package'");
        }
        // The checks run under the data directory's lock: a second `up` on it refuses with one line.
        Devstack stack = Devstack.start(settings, command.fresh(), () -> {
            Ports.requireFree(settings.apiPort(), DevstackSettings.API_PORT);
            say("starting the stack under " + settings.dataDir() + (command.fresh() ? " (fresh)" : "") + " ...");
        });
        List<AutoCloseable> toStop = new ArrayList<>();
        toStop.add(stack);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("stopping ...");
            for (int i = toStop.size() - 1; i >= 0; i--) {
                try {
                    toStop.get(i).close();
                } catch (Exception e) {
                    System.err.println("spillway: stopping failed: " + e);
                }
            }
            say("stopped; nothing left running");
            stopped.countDown();
        }, "spillway-stop"));

        if (command.serviceJar() != null) {
            ManagedProcess service = ServiceProcess.start(command.serviceJar(), stack, settings);
            toStop.add(service);
            stack.recordProcess(service.pid());
        }
        if (command.demo()) {
            toStop.add(DemoTraffic.start(stack, settings));
        }
        printEndpoints(stack, settings, command.serviceJar() != null, (System.nanoTime() - startedAt) / 1e9);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printEndpoints(Devstack stack, DevstackSettings settings, boolean service, double seconds) {
        String api = "http://localhost:" + settings.apiPort();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nSpillway is up (%.1f s). Ctrl-C stops everything.%n%n", seconds));
        if (service) {
            out.append(String.format("  API          %s/%n", api));
            out.append(String.format("  Console      %s/  (in a browser: pipelines, connectors, dead letters)%n", api));
            out.append(String.format("  Swagger UI   %s/docs%n", api));
            out.append(String.format("  Health       %s/health%n", api));
        }
        out.append(String.format("  PostgreSQL   postgresql://%s:%s@localhost:%d/%s  (target: postgresql://%s:%s@localhost:%d/%s)%n",
                PostgresServer.SOURCE_USER, PostgresServer.SOURCE_PASSWORD, stack.postgres().port(),
                PostgresServer.SOURCE_DB, PostgresServer.TARGET_USER, PostgresServer.TARGET_PASSWORD,
                stack.postgres().port(), PostgresServer.TARGET_DB));
        out.append(String.format("  Kafka        %s%n", stack.kafka().bootstrapServers()));
        out.append(String.format("  Connect      %s  (Debezium PostgreSQL + JDBC sink)%n", stack.connect().url()));
        out.append(String.format("  Redis        %s  (%s)%n", stack.redis().url(), stack.redis().binary()));
        out.append(String.format("  Logs         %s%n", settings.dataDir().resolve("logs")));
        System.out.println(out);
    }

    static void say(String message) {
        System.out.println("spillway: " + message);
    }
}
