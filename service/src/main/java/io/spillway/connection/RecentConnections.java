package io.spillway.connection;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Connections read in the last {@link #TTL_MS}: a consumer's job resolves its target on every poll that
 * closes a window, and a Redis GET each time would be a second round trip per poll. A connection deleted
 * or created again with other settings is seen within the TTL. Misses are not kept.
 */
final class RecentConnections {
    static final long TTL_MS = 2_000;

    private record Entry(Connection connection, long readAtMs) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Function<String, Optional<Connection>> load;
    private final LongSupplier clockMs;

    RecentConnections(Function<String, Optional<Connection>> load, LongSupplier clockMs) {
        this.load = load;
        this.clockMs = clockMs;
    }

    Optional<Connection> find(String connectionId) {
        long now = clockMs.getAsLong();
        Entry entry = entries.get(connectionId);
        if (entry != null && now - entry.readAtMs() < TTL_MS) {
            return Optional.of(entry.connection());
        }
        Optional<Connection> loaded = load.apply(connectionId);
        if (loaded.isPresent()) {
            entries.put(connectionId, new Entry(loaded.get(), now));
        } else {
            entries.remove(connectionId);
        }
        return loaded;
    }
}
