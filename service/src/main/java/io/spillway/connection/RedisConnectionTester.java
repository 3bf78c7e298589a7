package io.spillway.connection;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.spillway.egress.EgressSocketAddressResolver;
import io.spillway.redis.RedisTargetTls;
import io.spillway.redis.RedisTls;
import io.spillway.secret.Secrets;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Opens a connection of its own to the target Redis, PINGs it and reads its version. */
@Component
class RedisConnectionTester {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** Thread pools shared by the short-lived test clients; every connect checks the egress policy. */
    private final ClientResources resources;

    RedisConnectionTester(ConnectionEgress egress) {
        resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1)
                .socketAddressResolver(new EgressSocketAddressResolver(egress.policy())).build();
    }

    ConnectionTestResult test(RedisConnection connection) {
        long started = System.nanoTime();
        RedisURI uri = RedisURI.create(connection.url());
        uri.setTimeout(TIMEOUT);
        String location = uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder().sslOptions(RedisTargetTls.current()).build());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            String pong = redis.sync().ping();
            String version = infoField(redis.sync().info("server"), "redis_version");
            return ConnectionTester.result("PONG".equalsIgnoreCase(pong), "Redis " + version + " at " + location
                    + " answered " + pong, started);
        } catch (RedisException e) {
            String tls = RedisTls.handshakeProblem(e, RedisTargetTls.SETTING);
            return ConnectionTester.result(false, "Redis at " + location + " failed: "
                    + Secrets.scrub(tls == null ? reason(e) : tls, connection.secretValues()), started);
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /** The innermost message: Lettuce wraps the socket's reason ("Connection refused") in its own. */
    private static String reason(Throwable e) {
        String outer = e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String inner = root == e || root.getMessage() == null ? "" : " (" + root.getMessage() + ")";
        return (outer == null ? e.getClass().getSimpleName() : outer) + inner;
    }

    static String infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "?";
    }

    @PreDestroy
    void close() {
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
