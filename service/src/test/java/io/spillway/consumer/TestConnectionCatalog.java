package io.spillway.consumer;

import io.spillway.connection.ConnectionCatalog;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * TEST-ONLY stand-in for the connection feature's catalog, until it is merged: knows the ids tests
 * register with {@link ConsumerStackIT#givenConnection(String)}, plus those listed in
 * {@code spillway.test.connections} (for service child processes). DELETE AT MERGE.
 */
@Component
public class TestConnectionCatalog implements ConnectionCatalog {
    private static final Set<String> known = ConcurrentHashMap.newKeySet();

    public TestConnectionCatalog(@Value("${spillway.test.connections:}") String configured) {
        Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(known::add);
    }

    static void register(String id) {
        known.add(id);
    }

    @Override
    public Optional<String> typeOf(String connectionId) {
        return known.contains(connectionId) ? Optional.of("postgres") : Optional.empty();
    }
}
