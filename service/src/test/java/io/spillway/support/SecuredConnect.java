package io.spillway.support;

import io.spillway.devstack.ConnectGroup;
import io.spillway.devstack.ConnectWorker;
import io.spillway.devstack.Devstack;
import io.spillway.devstack.DevstackException;
import io.spillway.devstack.Ports;
import io.spillway.devstack.SharedDevstack;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A second Kafka Connect worker on the shared stack's broker (a group and internal topics of its own) whose
 * REST API demands HTTP basic auth. Started on first use, stopped when the test JVM exits; the shared
 * worker stays open, so no other test needs credentials.
 */
public final class SecuredConnect {
    public static final String USER = "spillway";
    /** Characters that must be percent-encoded in a URL's user info: the client must decode them. */
    public static final String PASSWORD = "p@ss:w/rd-" + UUID.randomUUID();
    private static ConnectWorker worker;

    private SecuredConnect() {
    }

    public static synchronized ConnectWorker get() {
        if (worker == null) {
            Devstack stack = SharedDevstack.get();
            Path dir;
            try {
                dir = Files.createTempDirectory("spillway-secured-connect");
            } catch (IOException e) {
                throw new DevstackException("cannot create a directory for the secured Connect worker", e);
            }
            worker = ConnectWorker.start(dir.resolve("connect"), dir.resolve("logs"), Ports.free(),
                    stack.kafka().bootstrapServers(), new ConnectGroup("spillway-it-secured-connect",
                            "it-secured-connect", Map.of(USER, PASSWORD)));
            ConnectWorker started = worker;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteQuietly(dir);
            }, "secured-connect-stop"));
        }
        return worker;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e);
        }
    }

    /** The worker's {@code /connectors} URL with the right user and password in its user info. */
    public static String urlWithCredentials() {
        String base = get().url();
        return base.replace("://", "://" + USER + ":" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "@")
                + "/connectors";
    }
}
