package io.spillway.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.spillway.api.UpstreamUnavailableException;
import io.spillway.config.SpillwayProperties;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The service's shared Redis connection, opened on first use so that the service starts (and reports
 * Redis as down) while Redis is unreachable. Lettuce connections are thread-safe and pipeline commands.
 * A standalone Redis and a Redis Cluster look the same to callers: the commands both offer
 * ({@link RedisClusterCommands}); on a cluster each command goes to the node that owns its key, and a
 * multi-key MGET or DEL is split by slot.
 */
@Component
public class Redis {
    private final AbstractRedisClient client;
    private final String location;
    private volatile Connected connected;
    private final ThreadLocal<Consumer<RedisClusterAsyncCommands<String, String>>> sendBefore = new ThreadLocal<>();

    /** One open connection with both of its APIs. */
    private record Connected(StatefulConnection<String, String> connection, RedisClusterCommands<String, String> sync,
            RedisClusterAsyncCommands<String, String> async) {
    }

    public Redis(AbstractRedisClient client, SpillwayProperties properties) {
        this.client = client;
        RedisURI uri = RedisURI.create(properties.redisUrl());
        // Where Redis was looked for, without credentials: this string reaches error messages.
        this.location = uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase()
                + (client instanceof RedisClusterClient ? " (cluster)" : "");
    }

    /** Runs {@code call} on the synchronous API; connection failures become a 503 naming Redis. */
    public <T> T call(Function<RedisClusterCommands<String, String>, T> call) {
        try {
            Connected current = connected();
            Consumer<RedisClusterAsyncCommands<String, String>> before = sendBefore.get();
            if (before != null) {
                sendBefore.remove();
                return call.apply(OneWrite.commands(current.connection(), current.sync(), current.async(), before));
            }
            return call.apply(current.sync());
        } catch (RedisException e) {
            if (isConnectionProblem(e)) {
                throw new UpstreamUnavailableException("Redis", location, e);
            }
            throw e;
        }
    }

    /**
     * Runs {@code action}; {@code before} sends commands (without waiting for them) in the same write as the
     * first command {@code action} makes through {@link #call} on this thread: both cost one round trip.
     * If {@code action} makes no call, {@code before} is not run.
     */
    public <T> T alongNextCall(Consumer<RedisClusterAsyncCommands<String, String>> before, Callable<T> action)
            throws Exception {
        sendBefore.set(before);
        try {
            return action.call();
        } finally {
            sendBefore.remove();
        }
    }

    public RedisClusterAsyncCommands<String, String> async() {
        return connected().async();
    }

    public String location() {
        return location;
    }

    private Connected connected() {
        Connected current = connected;
        if (current != null && current.connection().isOpen()) {
            return current;
        }
        synchronized (this) {
            if (connected == null || !connected.connection().isOpen()) {
                try {
                    connected = connect();
                } catch (RedisException e) {
                    String tls = RedisTls.handshakeProblem(e, RedisConfig.CA_FILE_SETTING);
                    throw tls == null ? new UpstreamUnavailableException("Redis", location, e)
                            : new UpstreamUnavailableException("Redis", location, tls, e);
                }
            }
            return connected;
        }
    }

    private Connected connect() {
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, String> connection = cluster.connect();
            return new Connected(connection, connection.sync(), connection.async());
        }
        StatefulRedisConnection<String, String> connection = ((RedisClient) client).connect();
        return new Connected(connection, connection.sync(), connection.async());
    }

    private static boolean isConnectionProblem(RedisException e) {
        return e instanceof RedisConnectionException || e instanceof RedisCommandTimeoutException;
    }

    @PreDestroy
    void close() {
        Connected current = connected;
        if (current != null) {
            current.connection().close();
        }
    }
}
