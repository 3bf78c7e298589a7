package io.spillway.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole real stack on one machine: PostgreSQL, Redis, a Kafka broker and a Kafka Connect worker.
 * Closing it stops everything it started, in reverse order.
 */
public final class Devstack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Devstack.class);

    private final DevstackSettings settings;
    private final DataDirLock lock;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private PostgresServer postgres;
    private RedisServer redis;
    private KafkaBroker kafka;
    private ConnectWorker connect;

    private Devstack(DevstackSettings settings, DataDirLock lock) {
        this.settings = settings;
        this.lock = lock;
    }

    /**
     * Starts every component; on a failure, stops what already started and rethrows. Refuses a data
     * directory that another stack is using, running or still stopping.
     */
    public static Devstack start(DevstackSettings settings, boolean fresh) {
        return start(settings, fresh, () -> { });
    }

    /** As {@link #start(DevstackSettings, boolean)}, with the caller's own checks run once the lock is held. */
    public static Devstack start(DevstackSettings settings, boolean fresh, Runnable preflight) {
        DataDirLock lock = DataDirLock.acquire(settings.dataDir());
        try {
            preflight.run();
            if (fresh) {
                wipeContents(settings.dataDir(), DataDirLock.FILE);
            }
            LeftoverProcesses.reap(settings.dataDir());
            settings.requirePortsFree();
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        Devstack stack = new Devstack(settings, lock);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        Path data = settings.dataDir();
        Path logs = data.resolve("logs");
        // PostgreSQL and Redis start while the broker's JVM boots; Connect needs the broker.
        CompletableFuture<PostgresServer> pg = CompletableFuture.supplyAsync(
                () -> PostgresServer.start(data.resolve("postgres"), settings.postgresPort()));
        CompletableFuture<RedisServer> rd = CompletableFuture.supplyAsync(
                () -> RedisServer.start(data.resolve("redis"), logs, settings.redisPort()));
        try {
            kafka = track(KafkaBroker.start(data.resolve("kafka"), logs, settings.kafkaPort(),
                    settings.kafkaControllerPort(), settings.kafkaSaslPort()));
            log.info("Kafka broker listening on {}{}", kafka.bootstrapServers(), settings.kafkaSaslPort() > 0
                    ? " (SASL_PLAINTEXT/" + KafkaBroker.SCRAM_MECHANISM + " on " + kafka.saslBootstrapServers() + ")" : "");
            connect = track(ConnectWorker.start(data.resolve("connect"), logs, settings.connectPort(),
                    kafka.bootstrapServers()));
            log.info("Kafka Connect ready on {}", connect.url());
        } finally {
            postgres = track(join(pg));
            redis = track(join(rd));
        }
        log.info("PostgreSQL on port {}, Redis on port {}", postgres.port(), redis.port());
        List<Long> pids = new ArrayList<>(List.of(redis.pid(), kafka.process().pid(), connect.process().pid()));
        LeftoverProcesses.postmasterPid(data.resolve("postgres")).ifPresent(pids::add);
        LeftoverProcesses.record(data, pids);
    }

    /** Adds a process started beside the stack (the service) to the ones a later start would reap. */
    public void recordProcess(long pid) {
        Path data = settings.dataDir();
        List<Long> pids = new ArrayList<>(List.of(redis.pid(), kafka.process().pid(), connect.process().pid(), pid));
        LeftoverProcesses.postmasterPid(data.resolve("postgres")).ifPresent(pids::add);
        LeftoverProcesses.record(data, pids);
    }

    private <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private synchronized <T extends AutoCloseable> T track(T component) {
        started.push(component);
        return component;
    }

    public DevstackSettings settings() {
        return settings;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public RedisServer redis() {
        return redis;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public ConnectWorker connect() {
        return connect;
    }

    /**
     * Starts another Redis beside the stack, on a free port with its own data directory {@code name}, stopped
     * with the stack: for tests of a secured Redis (ACL users, TLS).
     */
    public synchronized RedisServer startExtraRedis(String name, RedisSecurity security) {
        Path data = settings.dataDir();
        return track(RedisServer.start(data.resolve(name), data.resolve("logs"), Ports.free(), security));
    }

    /**
     * Starts a three-master Redis Cluster beside the stack (free ports, data under {@code name}), stopped
     * with it; with ACL users on every node when {@code security} is given (its certificate is ignored).
     */
    public synchronized RedisCluster startRedisCluster(String name, RedisSecurity security) {
        Path data = settings.dataDir();
        return track(RedisCluster.start(data.resolve(name), data.resolve("logs"), security));
    }

    /** Restarts Redis in place (same binary, port and data directory). */
    public synchronized void restartRedis() {
        RedisServer old = redis;
        redis = replace(old, old.restart());
    }

    /** Restarts the Kafka broker in place (same ports and log directory). */
    public synchronized void restartKafka() {
        KafkaBroker old = kafka;
        kafka = replace(old, old.restart());
    }

    /** Restarts the Kafka Connect worker in place (same port; connectors and offsets come from Kafka). */
    public synchronized void restartConnect() {
        ConnectWorker old = connect;
        connect = replace(old, old.restart());
    }

    /** Swaps a restarted component into the stop order, where the old one was. */
    private <T extends AutoCloseable> T replace(T old, T now) {
        List<AutoCloseable> order = new ArrayList<>(started);
        order.replaceAll(c -> c == old ? now : c);
        started.clear();
        started.addAll(order);
        return now;
    }

    @Override
    public synchronized void close() {
        boolean startedAny = !started.isEmpty();
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
        if (startedAny) {
            LeftoverProcesses.forget(settings.dataDir());
        }
        lock.close();
    }

    /** Deletes everything in {@code dir} but the file named {@code keep} (the lock a wipe runs under). */
    private static void wipeContents(Path dir, String keep) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(c -> !c.getFileName().toString().equals(keep)).toList()) {
                deleteRecursively(child);
            }
        } catch (IOException e) {
            throw new DevstackException("cannot wipe " + dir + ": " + e.getMessage(), e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new DevstackException("cannot wipe " + dir + ": " + e.getMessage(), e);
        }
    }
}
