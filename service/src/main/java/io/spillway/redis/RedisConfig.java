package io.spillway.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.spillway.config.SpillwayProperties;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One Lettuce client for the service; {@link Redis} holds its shared connection. */
@Configuration(proxyBeanMethods = false)
public class RedisConfig {
    static final String CA_FILE_SETTING = "spillway.redis.ca-file (SPILLWAY_REDIS_CA_FILE)";

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(SpillwayProperties properties) {
        RedisClient client = RedisClient.create(RedisURI.create(properties.redisUrl()));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5)))
                .sslOptions(RedisTls.options(properties.redis() == null ? null : properties.redis().caFile(),
                        CA_FILE_SETTING))
                .build());
        return client;
    }
}
