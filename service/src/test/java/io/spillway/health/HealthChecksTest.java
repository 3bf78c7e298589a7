package io.spillway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthChecksTest {
    private static HealthCheck check(String service, ServiceHealth result) {
        return new HealthCheck() {
            @Override
            public String service() {
                return service;
            }

            @Override
            public ServiceHealth check() {
                return result;
            }
        };
    }

    @Test
    void knownServiceWithoutACheckIsUnknownAndDoesNotMakeTheWholeDown() {
        HealthChecks checks = new HealthChecks(List.of(check("kafka", ServiceHealth.up(Map.of("broker_count", 1)))));
        HealthReport report = checks.checkAll();
        assertThat(report.status()).isEqualTo(ServiceHealth.Status.UP);
        assertThat(report.services()).containsOnlyKeys("debezium", "kafka", "redis", "consumer");
        assertThat(report.services().get("consumer").status()).isEqualTo(ServiceHealth.Status.UNKNOWN);
        assertThat(checks.check("debezium")).hasValueSatisfying(
                h -> assertThat(h.status()).isEqualTo(ServiceHealth.Status.UNKNOWN));
    }

    @Test
    void oneDownServiceMakesTheWholeDown() {
        HealthChecks checks = new HealthChecks(List.of(
                check("kafka", ServiceHealth.up(Map.of())), check("redis", ServiceHealth.down("refused"))));
        HealthReport report = checks.checkAll();
        assertThat(report.status()).isEqualTo(ServiceHealth.Status.DOWN);
        assertThat(report.services().get("redis").details()).containsEntry("error", "refused");
    }

    @Test
    void aThrowingCheckIsReportedDown() {
        HealthCheck broken = new HealthCheck() {
            @Override
            public String service() {
                return "consumer";
            }

            @Override
            public ServiceHealth check() {
                throw new IllegalStateException("boom");
            }
        };
        ServiceHealth health = new HealthChecks(List.of(broken)).check("consumer").orElseThrow();
        assertThat(health.status()).isEqualTo(ServiceHealth.Status.DOWN);
        assertThat(health.details().get("error").toString()).contains("IllegalStateException");
    }

    @Test
    void unknownServiceIsEmptyAndExtraServicesAreListed() {
        HealthChecks checks = new HealthChecks(List.of(check("pipeline", ServiceHealth.up(Map.of()))));
        assertThat(checks.check("nope")).isEmpty();
        assertThat(checks.services()).containsExactly("debezium", "kafka", "redis", "consumer", "pipeline");
    }

    @Test
    void aHundredParallelCallsRunEachCheckOnceAndALaterCallRunsItAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        HealthCheck counting = new HealthCheck() {
            @Override
            public String service() {
                return "debezium";
            }

            @Override
            public ServiceHealth check() {
                runs.incrementAndGet();
                return ServiceHealth.up(Map.of("slots", 1));
            }
        };
        HealthChecks checks = new HealthChecks(List.of(counting), Duration.ofMinutes(1));
        ExecutorService callers = Executors.newFixedThreadPool(20);
        try {
            List<Future<HealthReport>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(callers.submit(checks::checkAll));
            }
            for (Future<HealthReport> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS).services().get("debezium").status())
                        .isEqualTo(ServiceHealth.Status.UP);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(runs).hasValue(1);

        HealthChecks unshared = new HealthChecks(List.of(counting), Duration.ZERO);
        unshared.checkAll();
        unshared.check("debezium");
        assertThat(runs).hasValue(3);
    }
}
