package io.spillway.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.support.Api;
import io.spillway.support.StackIT;
import org.junit.jupiter.api.Test;

class HealthIT extends StackIT {
    @Test
    void overallHealthListsEveryKnownServiceWithKafkaAndRedisUp() {
        Api.Response health = api().get("/health");
        assertThat(health.body()).contains("\"debezium\":", "\"consumer\":",
                "\"kafka\":{\"status\":\"UP\"", "\"redis\":{\"status\":\"UP\"");
        // 200 exactly when nothing is DOWN (services other features contribute may be UNKNOWN here)
        assertThat(health.status()).isEqualTo(health.body().contains("\"DOWN\"") ? 503 : 200);
    }

    @Test
    void kafkaHealthDescribesTheCluster() {
        Api.Response kafka = api().get("/health/kafka");
        assertThat(kafka.status()).isEqualTo(200);
        assertThat(kafka.body()).contains("\"status\":\"UP\"", "\"broker_count\":1", "\"cluster_id\":",
                "\"controller\":", stack.kafka().bootstrapServers());
    }

    @Test
    void redisHealthShowsVersionAndMemory() {
        Api.Response redis = api().get("/health/redis");
        assertThat(redis.status()).isEqualTo(200);
        assertThat(redis.body()).contains("\"status\":\"UP\"", "\"ping\":\"PONG\"", "\"version\":",
                "\"used_memory_bytes\":");
    }

    @Test
    void everyKnownServiceAnswersEvenWithoutItsCheck() {
        for (String service : new String[] {"debezium", "consumer"}) {
            Api.Response response = api().get("/health/" + service);
            assertThat(response.status()).as(service).isIn(200, 503);
            assertThat(response.body()).as(service).containsPattern("\"status\":\"(UP|DOWN|UNKNOWN)\"");
        }
    }

    @Test
    void unknownServiceIs404ListingTheKnownOnes() {
        Api.Response response = api().get("/health/zookeeper");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains("zookeeper", "debezium", "kafka", "redis", "consumer");
    }

    @Test
    void probesSeparateLivenessFromReadiness() {
        Api.Response liveness = api().get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.body()).doesNotContain("kafka").doesNotContain("redis");

        Api.Response readiness = api().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"kafka\"", "\"redis\"", "\"readinessState\"");
    }

    @Test
    void prometheusServesMicrometerMetrics() {
        api().get("/health");
        Api.Response metrics = api().get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds_count");
    }
}
