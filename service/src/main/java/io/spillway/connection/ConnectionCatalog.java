package io.spillway.connection;

import java.util.Optional;

/**
 * What the rest of the service needs to know of registered connections: whether one exists and of
 * which type. Implemented by the connection feature; used by consumers to validate {@code connection_id}.
 */
public interface ConnectionCatalog {
    /** The type (postgres, http, redis) of the connection with that id, or empty when none is registered. */
    Optional<String> typeOf(String connectionId);
}
