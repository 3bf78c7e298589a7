package io.spillway.consumer;

import io.spillway.consumer.engine.RunnerStatus;
import io.spillway.health.HealthCheck;
import io.spillway.health.ServiceHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** {@code GET /health/consumer}: this instance's consumers and their states; DOWN when one FAILED or is RESTARTING. */
@Component
public class ConsumerHealthCheck implements HealthCheck {
    private final ConsumerService consumers;

    public ConsumerHealthCheck(ConsumerService consumers) {
        this.consumers = consumers;
    }

    @Override
    public String service() {
        return "consumer";
    }

    @Override
    public ServiceHealth check() {
        try {
            Map<String, Object> states = new TreeMap<>();
            boolean down = false;
            for (var entry : consumers.runners().entrySet()) {
                RunnerStatus status = entry.getValue().status();
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("state", status.state());
                if (status.stateReason() != null) {
                    item.put("reason", status.stateReason());
                }
                item.put("assigned_partitions", status.assignedPartitions().size());
                item.put("lag", status.totalLag());
                states.put(entry.getKey(), item);
                down |= status.state() == ConsumerState.FAILED || status.state() == ConsumerState.RESTARTING;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("instance_id", consumers.instanceId());
            details.put("consumers", states);
            return new ServiceHealth(down ? ServiceHealth.Status.DOWN : ServiceHealth.Status.UP, details);
        } catch (RuntimeException e) {
            return ServiceHealth.down("consumer states unavailable: " + e.getMessage());
        }
    }
}
