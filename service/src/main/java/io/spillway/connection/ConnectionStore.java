package io.spillway.connection;

import io.spillway.redis.Redis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connection definitions in Redis, so they survive a restart: one JSON string per connection under
 * {@code spillway:connection:<id>} (secrets included: pipelines need them) and the set of ids in
 * {@code spillway:connections}. Other features load a connection with its secrets through {@link #find}.
 */
@Component
public class ConnectionStore implements ConnectionCatalog {
    public static final String KEY_PREFIX = "spillway:connection:";
    public static final String IDS_KEY = "spillway:connections";
    private static final Logger log = LoggerFactory.getLogger(ConnectionStore.class);

    private final Redis redis;
    private final JsonMapper json;

    public ConnectionStore(Redis redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** Stores the connection unless its id is taken; false when it is. */
    boolean createIfAbsent(Connection connection) {
        String value = json.writeValueAsString(connection);
        String key = key(connection.connectionId());
        return redis.call(cmds -> {
            String set = cmds.set(key, value, io.lettuce.core.SetArgs.Builder.nx());
            if (!"OK".equals(set)) {
                return false;
            }
            cmds.sadd(IDS_KEY, connection.connectionId());
            return true;
        });
    }

    /** The connection with its secrets, or empty when no connection has that id. */
    public Optional<Connection> find(String connectionId) {
        if (!ConnectionIds.isValid(connectionId)) {
            return Optional.empty();
        }
        String value = redis.call(cmds -> cmds.get(key(connectionId)));
        return Optional.ofNullable(value).flatMap(v -> parse(connectionId, v));
    }

    /** Every connection, with secrets, ordered by id. */
    public List<Connection> findAll() {
        List<String> ids = new ArrayList<>(redis.call(cmds -> cmds.smembers(IDS_KEY)));
        if (ids.isEmpty()) {
            return List.of();
        }
        String[] keys = ids.stream().map(ConnectionStore::key).toArray(String[]::new);
        List<Connection> all = new ArrayList<>();
        redis.call(cmds -> cmds.mget(keys)).forEach(kv -> {
            // An id whose definition is gone (a delete cut short) is skipped, not shown.
            if (kv.hasValue()) {
                parse(kv.getKey().substring(KEY_PREFIX.length()), kv.getValue()).ifPresent(all::add);
            }
        });
        all.sort(Comparator.comparing(Connection::connectionId));
        return all;
    }

    /** Removes the connection; false when there was none. */
    boolean delete(String connectionId) {
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

    private Optional<Connection> parse(String connectionId, String value) {
        try {
            return Optional.of(json.readValue(value, Connection.class));
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
