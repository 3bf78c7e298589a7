package io.spillway.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.spillway.config.SpillwayProperties;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Lettuce client for the service, for a standalone Redis or, with {@code spillway.redis.cluster=true},
 * a Redis Cluster reached through the URL's node; {@link Redis} holds its shared connection.
 */
@Configuration(proxyBeanMethods = false)
public class RedisConfig {
    static final String CA_FILE_SETTING = "spillway.redis.ca-file (SPILLWAY_REDIS_CA_FILE)";
    private static final SocketOptions SOCKET = SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final TimeoutOptions TIMEOUT = TimeoutOptions.enabled(Duration.ofSeconds(5));

    @Bean(destroyMethod = "shutdown")
    AbstractRedisClient redisClient(SpillwayProperties properties) {
        RedisURI uri = RedisURI.create(properties.redisUrl());
        SpillwayProperties.RedisSettings settings = properties.redis();
        SslOptions ssl = RedisTls.options(settings == null ? null : settings.caFile(), CA_FILE_SETTING);
        if (settings != null && settings.cluster()) {
            RedisClusterClient client = RedisClusterClient.create(uri);
            client.setOptions(ClusterClientOptions.builder()
                    .autoReconnect(true).socketOptions(SOCKET).timeoutOptions(TIMEOUT).sslOptions(ssl)
                    // Follows failovers and resharding: on MOVED/ASK and connection loss, and every minute.
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers().enablePeriodicRefresh(Duration.ofSeconds(60)).build())
                    .build());
            return client;
        }
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true).socketOptions(SOCKET).timeoutOptions(TIMEOUT).sslOptions(ssl).build());
        return client;
    }
}
