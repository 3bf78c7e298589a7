package io.spillway.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.spillway.api.UpstreamUnavailableException;
import io.spillway.config.SpillwayProperties;
import jakarta.annotation.PreDestroy;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The service's shared Redis connection, opened on first use so that the service starts (and reports
 * Redis as down) while Redis is unreachable. Lettuce connections are thread-safe and pipeline commands.
 */
@Component
public class Redis {
    private final RedisClient client;
    private final String location;
    private volatile StatefulRedisConnection<String, String> connection;

    public Redis(RedisClient client, SpillwayProperties properties) {
        this.client = client;
        RedisURI uri = RedisURI.create(properties.redisUrl());
        // Where Redis was looked for, without credentials: this string reaches error messages.
        this.location = uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    /** Runs {@code call} on the synchronous API; connection failures become a 503 naming Redis. */
    public <T> T call(Function<RedisCommands<String, String>, T> call) {
        try {
            return call.apply(connection().sync());
        } catch (RedisException e) {
            if (isConnectionProblem(e)) {
                throw new UpstreamUnavailableException("Redis", location, e);
            }
            throw e;
        }
    }

    public RedisAsyncCommands<String, String> async() {
        return connection().async();
    }

    public String location() {
        return location;
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null && current.isOpen()) {
            return current;
        }
        synchronized (this) {
            if (connection == null || !connection.isOpen()) {
                try {
                    connection = client.connect();
                } catch (RedisException e) {
                    String tls = RedisTls.handshakeProblem(e, RedisConfig.CA_FILE_SETTING);
                    throw tls == null ? new UpstreamUnavailableException("Redis", location, e)
                            : new UpstreamUnavailableException("Redis", location, tls, e);
                }
            }
            return connection;
        }
    }

    private static boolean isConnectionProblem(RedisException e) {
        return e instanceof io.lettuce.core.RedisConnectionException
                || e instanceof io.lettuce.core.RedisCommandTimeoutException;
    }

    @PreDestroy
    void close() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
    }
}
