package io.spillway.health;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every {@link HealthCheck} bean, run in parallel with a deadline, so one hanging dependency can neither
 * hide the others nor hold the request. A known service without a check is UNKNOWN.
 */
@Component
public class HealthChecks {
    /** The services /health always reports, whether or not this build has their checks. */
    public static final List<String> KNOWN_SERVICES = List.of("debezium", "kafka", "redis", "consumer");
    static final long DEADLINE_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(HealthChecks.class);

    private final Map<String, HealthCheck> checks = new LinkedHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "health-check");
        thread.setDaemon(true);
        return thread;
    });

    /** A check's result (or the check still running) is shared by every call within this time. */
    static final Duration SHARED_FOR = Duration.ofSeconds(3);

    private record Shared(long startedNanos, CompletableFuture<ServiceHealth> result) {
    }

    private final Map<String, Shared> shared = new ConcurrentHashMap<>();
    private final Duration sharedFor;

    @Autowired
    public HealthChecks(List<HealthCheck> beans) {
        this(beans, SHARED_FOR);
    }

    HealthChecks(List<HealthCheck> beans, Duration sharedFor) {
        beans.forEach(check -> checks.put(check.service(), check));
        this.sharedFor = sharedFor;
    }

    /** Known services first, then any other service a bean reports. */
    public List<String> services() {
        List<String> services = new ArrayList<>(KNOWN_SERVICES);
        checks.keySet().stream().filter(s -> !services.contains(s)).sorted().forEach(services::add);
        return services;
    }

    public HealthReport checkAll() {
        Map<String, CompletableFuture<ServiceHealth>> running = new LinkedHashMap<>();
        services().forEach(service -> running.put(service, start(service)));
        Map<String, ServiceHealth> results = new LinkedHashMap<>();
        running.forEach((service, future) -> results.put(service, await(service, future)));
        boolean anyDown = results.values().stream().anyMatch(ServiceHealth::isDown);
        return new HealthReport(anyDown ? ServiceHealth.Status.DOWN : ServiceHealth.Status.UP, results);
    }

    /** One service's health; empty when the name is not a service at all. */
    public Optional<ServiceHealth> check(String service) {
        if (!services().contains(service)) {
            return Optional.empty();
        }
        return Optional.of(await(service, start(service)));
    }

    private CompletableFuture<ServiceHealth> start(String service) {
        HealthCheck check = checks.get(service);
        if (check == null) {
            return CompletableFuture.completedFuture(ServiceHealth.unknown());
        }
        // A hundred parallel calls cost one run of each check: slot queries, Connect calls, Kafka metadata.
        return shared.compute(service, (name, previous) -> previous != null
                && System.nanoTime() - previous.startedNanos() < sharedFor.toNanos()
                ? previous : new Shared(System.nanoTime(), CompletableFuture.supplyAsync(check::check, executor)))
                .result();
    }

    private static ServiceHealth await(String service, CompletableFuture<ServiceHealth> future) {
        try {
            ServiceHealth health = future.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            return health == null ? ServiceHealth.down("the check returned nothing") : health;
        } catch (TimeoutException | CancellationException e) {
            future.cancel(true); // a shared result: every caller within the window sees the same DOWN
            return ServiceHealth.down("no answer within " + DEADLINE_SECONDS + " s");
        } catch (ExecutionException e) {
            // A check must not throw; if one does, it is our bug: log it, report DOWN without the trace.
            log.warn("health check '{}' threw instead of reporting DOWN", service, e.getCause());
            return ServiceHealth.down("the check failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServiceHealth.down("interrupted");
        }
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
