package io.spillway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A job's target lookup reads Redis at most once per connection and TTL, and sees changes after it. */
class RecentConnectionsTest {
    private final Map<String, Connection> stored = new HashMap<>();
    private final List<String> reads = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RecentConnections connections = new RecentConnections(id -> {
        reads.add(id);
        return Optional.ofNullable(stored.get(id));
    }, now::get);

    @Test
    void aConnectionIsReadOncePerTtlAndAgainAfterIt() {
        stored.put("cache", new RedisConnection("cache", "redis://a:6379/0", null));
        for (int poll = 0; poll < 50; poll++) {
            assertThat(connections.find("cache")).get().extracting(c -> ((RedisConnection) c).url())
                    .isEqualTo("redis://a:6379/0");
            now.addAndGet(10);
        }
        assertThat(reads).containsExactly("cache");

        stored.put("cache", new RedisConnection("cache", "redis://b:6379/0", null)); // deleted, created again
        now.addAndGet(RecentConnections.TTL_MS);
        assertThat(connections.find("cache")).get().extracting(c -> ((RedisConnection) c).url())
                .isEqualTo("redis://b:6379/0");
        assertThat(reads).hasSize(2);
    }

    @Test
    void aMissingConnectionIsNotRemembered() {
        assertThat(connections.find("later")).isEmpty();
        stored.put("later", new RedisConnection("later", "redis://a:6379/0", null));
        assertThat(connections.find("later")).isPresent();

        stored.remove("later");
        now.addAndGet(RecentConnections.TTL_MS);
        assertThat(connections.find("later")).as("deleted, seen after the TTL").isEmpty();
        assertThat(connections.find("later")).isEmpty();
        assertThat(reads).hasSize(4);
    }
}
