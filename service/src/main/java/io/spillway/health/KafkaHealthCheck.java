package io.spillway.health;

import io.spillway.kafka.KafkaClients;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.springframework.stereotype.Component;

/** Kafka is UP when the cluster describes itself within a few seconds: brokers, controller, cluster id. */
@Component
public class KafkaHealthCheck implements HealthCheck {
    static final int TIMEOUT_MS = 3_000;

    private final Admin admin;
    private final String bootstrapServers;

    public KafkaHealthCheck(Admin admin, KafkaClients clients) {
        this.admin = admin;
        this.bootstrapServers = clients.bootstrapServers();
    }

    @Override
    public String service() {
        return "kafka";
    }

    @Override
    public ServiceHealth check() {
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
            Collection<Node> nodes = cluster.nodes().get(TIMEOUT_MS + 1000, TimeUnit.MILLISECONDS);
            Node controller = cluster.controller().get(TIMEOUT_MS + 1000, TimeUnit.MILLISECONDS);
            String clusterId = cluster.clusterId().get(TIMEOUT_MS + 1000, TimeUnit.MILLISECONDS);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("bootstrap_servers", bootstrapServers);
            details.put("cluster_id", clusterId);
            details.put("broker_count", nodes.size());
            details.put("controller", controller == null || controller.isEmpty() ? "none"
                    : controller.id() + " (" + controller.host() + ":" + controller.port() + ")");
            return nodes.isEmpty() ? new ServiceHealth(ServiceHealth.Status.DOWN, details) : ServiceHealth.up(details);
        } catch (TimeoutException e) {
            return down("no answer within " + (TIMEOUT_MS + 1000) + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
                // Kafka's own text names the mechanism, never the credentials.
                return ServiceHealth.down("Kafka at " + bootstrapServers + " refused Spillway's client: "
                        + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                        + "; check the sasl.* / ssl.* client properties (spillway.kafka.*)");
            }
            return down(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (RuntimeException e) {
            return down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private ServiceHealth down(String reason) {
        return ServiceHealth.down("Kafka at " + bootstrapServers + " is not reachable: " + reason);
    }
}
