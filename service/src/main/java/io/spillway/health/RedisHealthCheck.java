package io.spillway.health;

import io.spillway.api.UpstreamUnavailableException;
import io.spillway.redis.Redis;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Redis is UP when it answers PING; its version and memory use tell an operator more. */
@Component
public class RedisHealthCheck implements HealthCheck {
    private final Redis redis;

    public RedisHealthCheck(Redis redis) {
        this.redis = redis;
    }

    @Override
    public String service() {
        return "redis";
    }

    @Override
    public ServiceHealth check() {
        try {
            return redis.call(cmds -> {
                String pong = cmds.ping();
                String server = cmds.info("server");
                String memory = cmds.info("memory");
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("location", redis.location());
                details.put("ping", pong);
                details.put("version", infoField(server, "redis_version"));
                details.put("used_memory_bytes", parseLong(infoField(memory, "used_memory")));
                details.put("used_memory_human", infoField(memory, "used_memory_human"));
                return ServiceHealth.up(details);
            });
        } catch (RuntimeException e) {
            // Redis.call's messages carry the location without credentials.
            if (e instanceof UpstreamUnavailableException) {
                return ServiceHealth.down(e.getMessage());
            }
            return ServiceHealth.down("Redis at " + redis.location() + " is not reachable: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    static String infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "unknown";
    }

    private static Object parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
