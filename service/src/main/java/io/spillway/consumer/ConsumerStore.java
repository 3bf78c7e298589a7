package io.spillway.consumer;

import io.spillway.redis.DataMarker;
import io.spillway.redis.Redis;
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
    private final DataMarker marker;

    public ConsumerStore(Redis redis, JsonMapper json, DataMarker marker) {
        this.redis = redis;
        this.json = json;
        this.marker = marker;
    }

    /** Saves unless one with that id exists; false when it does. */
    public boolean saveNew(ConsumerDefinition definition) {
        String value = json.writeValueAsString(definition);
        boolean created = redis.call(cmds -> cmds.hsetnx(ConsumerKeys.DEFINITIONS, definition.consumerId(), value));
        marker.ensure();
        return created;
    }

    /** Writes a definition back (after Redis lost it), with the marker that says definitions are present. */
    public void restore(ConsumerDefinition definition) {
        String value = json.writeValueAsString(definition);
        redis.call(cmds -> cmds.hset(ConsumerKeys.DEFINITIONS, definition.consumerId(), value));
        marker.ensure();
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
}
