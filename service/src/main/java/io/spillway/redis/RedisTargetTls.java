package io.spillway.redis;

import io.lettuce.core.SslOptions;
import io.spillway.config.SpillwayProperties;
import org.springframework.stereotype.Component;

/**
 * TLS trust of every Redis target ({@code rediss://} connections). Held statically, like the target
 * timeouts: set from {@code spillway.redis.target-ca-file} when the service starts; the JVM's trust store
 * applies to writers built without Spring (tests).
 */
@Component
public class RedisTargetTls {
    public static final String SETTING = "spillway.redis.target-ca-file (SPILLWAY_REDIS_TARGET_CA_FILE)";
    private static volatile SslOptions current = RedisTls.options(null, SETTING);

    RedisTargetTls(SpillwayProperties properties) {
        use(RedisTls.options(properties.redis() == null ? null : properties.redis().targetCaFile(), SETTING));
    }

    public static SslOptions current() {
        return current;
    }

    public static void use(SslOptions options) {
        current = options;
    }
}
