package io.spillway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.spillway.devstack.PostgresServer;
import io.spillway.egress.EgressPolicy;
import io.spillway.egress.EgressRefusedException;
import io.spillway.egress.EgressSocketFactory;
import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.PostgresTarget;
import io.spillway.pipeline.RedisTarget;
import io.spillway.pipeline.postgres.PgTargets;
import io.spillway.pipeline.Window;
import io.spillway.pipeline.WindowCloseReason;
import io.spillway.pipeline.failure.Failure;
import io.spillway.pipeline.failure.Failures;
import io.spillway.pipeline.sync.redis.RedisSyncWriter;
import io.spillway.pipeline.trigger.TriggerJob;
import io.spillway.support.Api;
import io.spillway.support.StackIT;
import io.spillway.support.TargetRedis;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The egress policy on the real stack: what it refuses at create, at test and when a job connects. */
class ConnectionEgressIT extends StackIT {
    @Autowired
    ConnectionStore store;
    @Autowired
    TriggerJob trigger;
    @Autowired
    ConnectionTargets targets;
    @Autowired
    EgressPolicy policy;

    private static String uniqueId(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Api.Response create(String json) {
        return api().post("/connection/create", json);
    }

    private static int port(String url) {
        return java.net.URI.create(url).getPort();
    }

    @Test
    void anHttpConnectionToTheServicesOwnKafkaConnectIsRefusedAtCreateWithTheRuleAndTheWayToAllowIt() {
        String id = uniqueId("connect");
        Api.Response refused = create("""
                {"connection_id":"%s","type":"http","url":"%s/connectors?token=tk-secret-1",
                 "headers":{"Authorization":"Bearer bearer-secret-1"}}""".formatted(id, stack.connect().url()));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(refused.body()).contains("Refused by the egress policy", "own Kafka Connect",
                "spillway.debezium-connector-url", "SPILLWAY_EGRESS_ALLOW",
                "localhost:" + port(stack.connect().url()))
                .doesNotContain("tk-secret-1", "bearer-secret-1");
        assertThat(api().get("/connection/info/" + id).status()).isEqualTo(404);
    }

    @Test
    void theCloudMetadataEndpointIsRefusedWhateverItsSpelling() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/",
                "http://[fd00:ec2::254]/", "http://metadata.google.internal/computeMetadata/v1/")) {
            Api.Response refused = create("""
                    {"connection_id":"%s","type":"http","url":"%s"}""".formatted(uniqueId("meta"), url));
            assertThat(refused.status()).as(url + " " + refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("metadata endpoint", "SPILLWAY_EGRESS_ALLOW");
        }
    }

    @Test
    void redisAndPostgresConnectionsToTheServicesOwnRedisAndKafkaAreRefusedWithoutEchoingThePassword() {
        Api.Response redis = create("""
                {"connection_id":"%s","type":"redis","url":"redis://:rpw-secret-2@localhost:%d/0"}"""
                .formatted(uniqueId("own-redis"), stack.redis().port()));
        assertThat(redis.status()).as(redis.body()).isEqualTo(422);
        assertThat(redis.body()).contains("own Redis", "spillway.redis-url").doesNotContain("rpw-secret-2");

        String broker = stack.kafka().bootstrapServers().split(",")[0];
        int kafkaPort = Integer.parseInt(broker.substring(broker.lastIndexOf(':') + 1));
        Api.Response postgres = create("""
                {"connection_id":"%s","type":"postgres","jdbc_url":"jdbc:postgresql://127.0.0.1:%d/x",
                 "username":"u","password":"pgpw-secret-3"}""".formatted(uniqueId("own-kafka"), kafkaPort));
        assertThat(postgres.status()).as(postgres.body()).isEqualTo(422);
        assertThat(postgres.body()).contains("own Kafka broker").doesNotContain("pgpw-secret-3");
    }

    /**
     * A connection stored before the policy refused it (as one whose name now resolves to a refused address
     * would be), under this machine's host name: the name itself is in no rule; it resolves, when the job
     * sends, to an address of this machine, where the service's own Connect listens on that port. The send
     * is refused then, before any byte goes out, as a permanent failure.
     */
    @Test
    void aNameThatResolvesToARefusedAddressIsRefusedAtTestAndWhenTheTriggerJobSends() throws Exception {
        String id = uniqueId("later");
        int connectPort = port(stack.connect().url());
        String hostName = InetAddress.getLocalHost().getHostName();
        assertThat(hostName).isNotEqualToIgnoringCase("localhost");
        assertThat(store.createIfAbsent(new HttpConnection(id, "http://" + hostName + ":" + connectPort + "/connectors",
                "POST", Map.of(), 5000, null))).isTrue();

        Api.Response test = api().post("/connection/test?connection_id=" + id, null);
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.body()).contains("\"ok\":false", "not reachable", "refused by the egress policy",
                "own Kafka Connect");

        Window window = new Window("w-1", WindowCloseReason.MANUAL, Instant.now(), Instant.now(), List.of());
        Throwable error = catchThrowable(() -> trigger.run(new JobContext("c", "p", id, null), window));
        // An HTTP answer from Connect would be a TriggerFailedException with its status: nothing was sent.
        assertThat(error).isInstanceOf(EgressRefusedException.class)
                .hasMessageContaining(hostName.toLowerCase(Locale.ROOT) + ":" + connectPort + " (") // the resolved address
                .hasMessageContaining("own Kafka Connect");
        Failure failure = Failures.classify(error);
        assertThat(failure.permanent()).isTrue();
        assertThat(failure.reason()).contains("refused by the egress policy", "own Kafka Connect");
        store.delete(id);
    }

    @Test
    void postgresAndRedisTargetsAreCheckedWhenTheSyncJobConnects() throws Exception {
        String pg = uniqueId("later-pg");
        String redis = uniqueId("later-redis");
        assertThat(store.createIfAbsent(new PostgresConnection(pg, "jdbc:postgresql://localhost:"
                + stack.redis().port() + "/warehouse", "warehouse", "pw-secret-4", null, null, null))).isTrue();
        assertThat(store.createIfAbsent(new RedisConnection(redis, stack.redis().url(), "p:"))).isTrue();

        // What the sync and append jobs do first with a PostgreSQL target: take a pooled connection
        Throwable pgError = catchThrowable(() -> PgTargets.open((PostgresTarget) targets.resolve(pg)).close());
        assertThat(pgError).isInstanceOf(SQLException.class);
        Failure pgFailure = Failures.classify(pgError);
        assertThat(pgFailure.permanent()).as(pgFailure.reason()).isTrue();
        assertThat(pgFailure.reason()).contains("own Redis").doesNotContain("pw-secret-4");

        // The Redis writer's client resolves through the policy: the service's own Redis is never a target
        try (RedisSyncWriter writer = new RedisSyncWriter()) {
            Throwable redisError = catchThrowable(() -> writer.apply((RedisTarget) targets.resolve(redis), List.of()));
            assertThat(redisError).isNotNull();
            Failure failure = Failures.classify(redisError);
            assertThat(failure.permanent()).as(failure.reason()).isTrue();
            assertThat(failure.reason()).contains("own Redis");
            // the same writer reaches a Redis the policy does not refuse, on loopback too
            assertThat(writer.apply(new RedisTarget(TargetRedis.get().url(), "p:", policy), List.of())).isNotNull();
        }
        store.delete(pg);
        store.delete(redis);
    }

    /** The driver's own sockets check the address they connect to, after the driver resolved the name. */
    @Test
    void theSocketsOfThePostgresDriverCheckTheResolvedAddress() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", PostgresServer.TARGET_USER);
        properties.setProperty("password", PostgresServer.TARGET_PASSWORD);
        properties.setProperty("socketFactory", EgressSocketFactory.class.getName());
        properties.setProperty("socketFactoryArg", EgressSocketFactory.register(policy));
        // Bounded: without the policy the driver would talk to Redis, which never answers its start-up packet
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "10");
        org.postgresql.Driver driver = new org.postgresql.Driver();
        assertThatThrownBy(() -> driver.connect("jdbc:postgresql://localhost:" + stack.redis().port() + "/x",
                properties)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(Failures.classify(e).permanent()).isTrue());
        // a target on loopback that the policy does not refuse connects through the same factory
        try (java.sql.Connection ok = driver.connect(stack.postgres().jdbcUrl(PostgresServer.TARGET_DB), properties)) {
            assertThat(ok.isValid(5)).isTrue();
        }
    }
}
