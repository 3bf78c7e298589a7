package io.spillway.support;

import io.spillway.devstack.Ports;
import io.spillway.devstack.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A second real Redis for tests that need a Redis <em>target</em>: the stack's own Redis holds the service's
 * state, and the egress policy refuses it as a target. Started on first use, stopped when the JVM exits.
 */
public final class TargetRedis {
    private static RedisServer instance;

    private TargetRedis() {
    }

    public static synchronized RedisServer get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("spillway-target-redis");
                RedisServer redis = RedisServer.start(dir, dir, Ports.free());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    redis.close();
                    deleteQuietly(dir);
                }, "target-redis-stop"));
                instance = redis;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans it eventually
        }
    }
}
