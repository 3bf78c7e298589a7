package io.spillway.connection;

import io.lettuce.core.SetArgs;
import io.spillway.redis.DataMarker;
import io.spillway.redis.Redis;
import io.spillway.redis.RedisDataLost;
import io.spillway.secret.SecretBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connection definitions in Redis, so they survive a restart: one JSON string per connection under
 * {@code spillway:connection:<id>} (secrets included, since pipelines need them: sealed with
 * SPILLWAY_SECRET_KEY when one is set) and the set of ids in
 * {@code spillway:connections}. Other features load a connection with its secrets through {@link #find}.
 */
@Component
public class ConnectionStore implements ConnectionCatalog {
    public static final String KEY_PREFIX = "spillway:connection:";
    public static final String IDS_KEY = "spillway:connections";
    private static final Logger log = LoggerFactory.getLogger(ConnectionStore.class);

    private final Redis redis;
    private final JsonMapper json;
    private final DataMarker marker;
    private final SecretBox box;
    /** Every stored definition this instance has written or read (id -> stored value): written back after a data loss. */
    private final Map<String, String> known = new ConcurrentHashMap<>();

    public ConnectionStore(Redis redis, JsonMapper json, DataMarker marker, SecretBox box) {
        this.redis = redis;
        this.json = json;
        this.marker = marker;
        this.box = box;
    }

    /** Stores the connection unless its id is taken; false when it is. */
    boolean createIfAbsent(Connection connection) {
        String value = box.seal(connection.connectionId(), json.writeValueAsString(connection));
        if (!write(connection.connectionId(), value)) {
            return false;
        }
        known.put(connection.connectionId(), value);
        marker.ensure();
        return true;
    }

    private boolean write(String connectionId, String value) {
        return redis.call(cmds -> {
            String set = cmds.set(key(connectionId), value, SetArgs.Builder.nx());
            if (!"OK".equals(set)) {
                return false;
            }
            cmds.sadd(IDS_KEY, connectionId);
            return true;
        });
    }

    /**
     * Redis lost its data: writes back every connection this instance knows (without replacing one
     * created meanwhile), so pipelines do not stall on "connection does not exist".
     */
    @EventListener
    void restoreAfterDataLoss(RedisDataLost lost) {
        for (Map.Entry<String, String> entry : known.entrySet()) {
            if (write(entry.getKey(), entry.getValue())) {
                log.info("connection {}: definition written back to Redis (Redis had lost it)", entry.getKey());
            }
        }
    }

    /** The connection with its secrets, or empty when no connection has that id. */
    public Optional<Connection> find(String connectionId) {
        if (!ConnectionIds.isValid(connectionId)) {
            return Optional.empty();
        }
        String value = redis.call(cmds -> cmds.get(key(connectionId)));
        if (value != null) {
            known.put(connectionId, value);
        } else if (marker.unchanged()) {
            known.remove(connectionId); // deleted (here or on another instance), not lost with Redis's data
        }
        return Optional.ofNullable(value).flatMap(v -> parse(connectionId, v));
    }

    /** Every connection, with secrets, ordered by id. */
    public List<Connection> findAll() {
        List<Connection> all = new ArrayList<>();
        stored().forEach((id, value) -> {
            known.put(id, value);
            parse(id, value).ifPresent(all::add);
        });
        all.sort(Comparator.comparing(Connection::connectionId));
        return all;
    }

    /** Every stored definition as Redis holds it (id to value), in two round trips. */
    private Map<String, String> stored() {
        List<String> ids = new ArrayList<>(redis.call(cmds -> cmds.smembers(IDS_KEY)));
        if (ids.isEmpty()) {
            return Map.of();
        }
        String[] keys = ids.stream().map(ConnectionStore::key).toArray(String[]::new);
        Map<String, String> values = new LinkedHashMap<>();
        redis.call(cmds -> cmds.mget(keys)).forEach(kv -> {
            // An id whose definition is gone (a delete cut short) is skipped, not shown.
            if (kv.hasValue()) {
                values.put(kv.getKey().substring(KEY_PREFIX.length()), kv.getValue());
            }
        });
        return values;
    }

    /** Removes the connection; false when there was none. */
    boolean delete(String connectionId) {
        known.remove(connectionId);
        return redis.call(cmds -> {
            long removed = cmds.del(key(connectionId));
            cmds.srem(IDS_KEY, connectionId);
            return removed > 0;
        });
    }

    @Override
    public Optional<String> typeOf(String connectionId) {
        return find(connectionId).map(Connection::type);
    }

    /**
     * At start, writes again every definition stored in clear while a key is set, or under the key being
     * rotated out, so that SPILLWAY_SECRET_KEY_PREVIOUS can be dropped after one start of each instance.
     */
    @EventListener(ApplicationReadyEvent.class)
    void resealStored() {
        if (!box.encrypts()) {
            return;
        }
        try {
            int resealed = 0;
            for (Map.Entry<String, String> entry : stored().entrySet()) {
                String id = entry.getKey();
                if (box.needsReseal(entry.getValue())) {
                    String sealed = box.seal(id, box.open(id, entry.getValue()));
                    redis.call(cmds -> cmds.set(key(id), sealed, SetArgs.Builder.xx()));
                    resealed++;
                }
            }
            if (resealed > 0) {
                log.info("{} connection definition(s) encrypted again with the current SPILLWAY_SECRET_KEY", resealed);
            }
        } catch (RuntimeException e) {
            log.warn("connection definitions not re-encrypted at start (next start tries again): {}", e.getMessage());
        }
    }

    private Optional<Connection> parse(String connectionId, String stored) {
        try {
            String value = box.open(connectionId, stored);
            return Optional.of(json.readValue(value, Connection.class));
        } catch (IllegalStateException e) {
            log.error("stored definition of connection '{}' cannot be read: {}", connectionId, e.getMessage());
            return Optional.empty();
        } catch (JacksonException e) {
            // The stored JSON holds secrets: log the id and the error's kind only.
            log.error("stored definition of connection '{}' is unreadable ({}); delete and recreate it",
                    connectionId, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    static String key(String connectionId) {
        return KEY_PREFIX + connectionId;
    }
}
