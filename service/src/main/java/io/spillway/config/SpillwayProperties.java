package io.spillway.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's own settings ({@code spillway.*} in application.yml, fed by KAFKA_BROKER,
 * DEBEZIUM_CONNECTOR_URL, REDIS_URL and SPILLWAY_API_KEY).
 *
 * @param kafkaBroker bootstrap servers of the Kafka cluster
 * @param debeziumConnectorUrl Kafka Connect's {@code /connectors} URL, as in the seed's .env
 * @param redisUrl Redis URI (redis://[user:password@]host:port[/db])
 * @param apiKey when set, every endpoint but health and docs requires it
 * @param defaultHeartbeatIntervalMs heartbeat given to a PostgreSQL connector that sets none
 * @param consumer the consumer engine's settings ({@code spillway.consumer.*})
 * @param debezium what {@code POST /debezium/start/} may create ({@code spillway.debezium.*})
 * @param targets timeouts of every call into a target ({@code spillway.targets.*})
 * @param kafkaConnect HTTP basic-auth credentials for Kafka Connect ({@code spillway.kafka-connect.*})
 * @param egress which hosts and addresses connections may reach ({@code spillway.egress.*})
 * @param redis TLS trust for the service's Redis and Redis targets, and Redis Cluster ({@code spillway.redis.*})
 */
@ConfigurationProperties("spillway")
public record SpillwayProperties(
        String kafkaBroker,
        String debeziumConnectorUrl,
        String redisUrl,
        String apiKey,
        long defaultHeartbeatIntervalMs,
        @DefaultValue Consumer consumer,
        @DefaultValue Debezium debezium,
        @DefaultValue Targets targets,
        @DefaultValue KafkaConnect kafkaConnect,
        @DefaultValue Egress egress,
        @DefaultValue RedisSettings redis) {

    /**
     * The consumer engine's settings.
     *
     * @param windowMemoryBudgetBytes a window whose buffered changes pass this size closes (reason memory); 0
     *     (the default): a sixteenth of the heap, at most 64 MiB ({@link HeapSizing})
     * @param retryInitialBackoffMs first wait before a failed job (or Redis call) is retried; doubles each time
     * @param retryMaxBackoffMs the longest wait between two retries
     * @param runHistorySize how many runs each consumer keeps in Redis (newest first)
     * @param reconcileIntervalMs how often an instance syncs its running consumers with the definitions in Redis
     * @param pollTimeoutMs longest Kafka poll; bounds how late a time-closed window or a trigger is noticed
     * @param maxPerInstance consumers one instance runs at most (each is a thread, a Kafka consumer and
     *     its windows' memory); {@code POST /consumer/start} refuses more with a 409
     * @param pipelinedJobs a closed window's job runs on a worker thread while the loop reads the next polls
     *     (at most one job in flight per consumer; commits stay in order); false: the loop runs it itself
     */
    public record Consumer(
            @DefaultValue("0") long windowMemoryBudgetBytes,
            @DefaultValue("1000") long retryInitialBackoffMs,
            @DefaultValue("60000") long retryMaxBackoffMs,
            @DefaultValue("500") int runHistorySize,
            @DefaultValue("5000") long reconcileIntervalMs,
            @DefaultValue("250") long pollTimeoutMs,
            @DefaultValue("50") int maxPerInstance,
            @DefaultValue("true") boolean pipelinedJobs) {
        public Consumer {
            if (windowMemoryBudgetBytes <= 0) {
                windowMemoryBudgetBytes = HeapSizing.windowMemoryBudget(HeapSizing.maxHeap());
            }
        }
    }

    /**
     * What an API caller may ask Kafka Connect to run.
     *
     * @param allowedConnectorClasses connector classes {@code POST /debezium/start/} creates
     * @param allowedOverrideKeys client override keys ({@code producer.override.*}, ...) a request may set
     */
    public record Debezium(
            @DefaultValue("io.debezium.connector.postgresql.PostgresConnector") List<String> allowedConnectorClasses,
            @DefaultValue({}) List<String> allowedOverrideKeys) {
    }

    /**
     * Timeouts of every call into a target, so a target that stops answering fails the job (a transient
     * failure: PAUSED_BACKPRESSURE, retried until it is back) instead of blocking the consumer. The defaults
     * show a frozen target within about 40 s. A PostgreSQL connection's own jdbc_url parameters win.
     *
     * @param connectTimeoutMs TCP connect and PostgreSQL login (pgjdbc connectTimeout, loginTimeout); HTTP
     *     and Redis connect
     * @param socketTimeoutMs longest wait for any PostgreSQL answer (pgjdbc socketTimeout): catches a frozen
     *     server; keep it above the statement timeout so the server cancels first
     * @param statementTimeoutMs PostgreSQL statement_timeout of the target sessions (a COPY of a whole window
     *     must fit in it)
     * @param lockTimeoutMs PostgreSQL lock_timeout of the target sessions
     * @param poolTimeoutMs longest wait for a pooled PostgreSQL connection (HikariCP connectionTimeout)
     * @param redisCommandTimeoutMs Redis target command timeout
     */
    public record Targets(
            @DefaultValue("10000") long connectTimeoutMs,
            @DefaultValue("35000") long socketTimeoutMs,
            @DefaultValue("25000") long statementTimeoutMs,
            @DefaultValue("10000") long lockTimeoutMs,
            @DefaultValue("15000") long poolTimeoutMs,
            @DefaultValue("20000") long redisCommandTimeoutMs) {
    }

    /**
     * Kafka Connect behind HTTP basic auth (Kafka's BasicAuthSecurityRestExtension). When the user name is
     * blank, the user info of {@code debezium-connector-url} is used, if any.
     *
     * @param username DEBEZIUM_CONNECT_USERNAME
     * @param password DEBEZIUM_CONNECT_PASSWORD
     */
    public record KafkaConnect(String username, String password) {
        /** Never the password. */
        @Override
        public String toString() {
            return "KafkaConnect[username=" + username + ", password=" + (password == null ? null : "****") + "]";
        }
    }

    /**
     * The egress policy's own entries (see docs/connections-health.md). Each is a host name
     * ({@code *.example.com} for a domain), an IPv4 or IPv6 address or CIDR block, optionally {@code :port}
     * ({@code [fd00::/8]:5432} for IPv6).
     *
     * @param allow admitted even when a deny entry matches; lifts a built-in denial only when it names the
     *     target at least as narrowly
     * @param deny refused, in addition to the built-in denials (link-local, cloud metadata, the service's own
     *     Kafka Connect, Kafka brokers and Redis)
     */
    public record Egress(@DefaultValue({}) List<String> allow, @DefaultValue({}) List<String> deny) {
        public Egress {
            allow = allow == null ? List.of() : allow;
            deny = deny == null ? List.of() : deny;
        }
    }

    /**
     * How the service reaches Redis beyond its URL (see docs/redis.md). TLS trust for {@code rediss://}:
     * unset, the JVM's trust store decides; Lettuce's own URI parameter
     * {@code verifyPeer=FULL|CA|NONE} (default FULL: chain and host name) says how much is checked.
     *
     * @param caFile PEM file of the CA certificate(s) the service's own Redis must present a chain to
     * @param targetCaFile the same for every Redis target (connections of type redis)
     * @param cluster the service's Redis is a Redis Cluster; {@code redis-url} names one of its nodes
     */
    public record RedisSettings(@DefaultValue("") String caFile, @DefaultValue("") String targetCaFile,
            @DefaultValue("false") boolean cluster) {
    }

    public boolean apiKeyRequired() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** Connect's base URL (the seed's setting ends with /connectors; the REST API lives one level up). */
    public String connectBaseUrl() {
        String url = debeziumConnectorUrl.endsWith("/")
                ? debeziumConnectorUrl.substring(0, debeziumConnectorUrl.length() - 1) : debeziumConnectorUrl;
        return url.endsWith("/connectors") ? url.substring(0, url.length() - "/connectors".length()) : url;
    }
}
