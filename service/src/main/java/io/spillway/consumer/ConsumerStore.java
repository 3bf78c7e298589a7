package io.spillway.consumer;

import io.spillway.redis.Redis;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Consumer definitions in Redis: the hash {@code spillway:consumers} (consumer_id -> definition JSON). */
@Component
public class ConsumerStore {
    private final Redis redis;
    private final JsonMapper json;

    public ConsumerStore(Redis redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** Saves unless one with that id exists; false when it does. */
    public boolean saveNew(ConsumerDefinition definition) {
        String value = json.writeValueAsString(definition);
        return redis.call(cmds -> {
            boolean created = cmds.hsetnx(ConsumerKeys.DEFINITIONS, definition.consumerId(), value);
            cmds.set(ConsumerKeys.DEFINITIONS_MARKER, Instant.now().toString());
            return created;
        });
    }

    /** Writes a definition back (after Redis lost it), with the marker that says definitions are present. */
    public void restore(ConsumerDefinition definition) {
        String value = json.writeValueAsString(definition);
        redis.call(cmds -> {
            cmds.hset(ConsumerKeys.DEFINITIONS, definition.consumerId(), value);
            return cmds.set(ConsumerKeys.DEFINITIONS_MARKER, Instant.now().toString());
        });
    }

    public boolean delete(String consumerId) {
        return redis.call(cmds -> cmds.hdel(ConsumerKeys.DEFINITIONS, consumerId) > 0);
    }

    public Optional<ConsumerDefinition> find(String consumerId) {
        String value = redis.call(cmds -> cmds.hget(ConsumerKeys.DEFINITIONS, consumerId));
        return Optional.ofNullable(value).map(v -> json.readValue(v, ConsumerDefinition.class));
    }

    public Map<String, ConsumerDefinition> all() {
        Map<String, String> raw = redis.call(cmds -> cmds.hgetall(ConsumerKeys.DEFINITIONS));
        Map<String, ConsumerDefinition> result = new TreeMap<>();
        raw.forEach((id, v) -> result.put(id, json.readValue(v, ConsumerDefinition.class)));
        return result;
    }

    /** False when Redis holds no marker: it lost its data (restart without persistence, FLUSHALL). */
    public boolean markerPresent() {
        return redis.call(cmds -> cmds.exists(ConsumerKeys.DEFINITIONS_MARKER) > 0);
    }
}
