package io.spillway.connection;

import io.spillway.api.NotFoundException;
import io.spillway.pipeline.HttpTarget;
import io.spillway.pipeline.PostgresTarget;
import io.spillway.pipeline.RedisTarget;
import io.spillway.pipeline.Target;
import io.spillway.pipeline.TargetResolver;
import org.springframework.stereotype.Component;

/** Gives the pipeline jobs the target of a registered connection, secrets included. */
@Component
public class ConnectionTargets implements TargetResolver {
    private final ConnectionStore store;

    public ConnectionTargets(ConnectionStore store) {
        this.store = store;
    }

    @Override
    public Target resolve(String connectionId) {
        Connection connection = store.find(connectionId).orElseThrow(() -> new NotFoundException(
                "connection '" + connectionId + "' does not exist: register it with POST /connection/create"));
        if (connection instanceof PostgresConnection pg) {
            return new PostgresTarget(pg.jdbcUrl(), pg.username(), pg.password(), pg.schema(), pg.sslmode(),
                    pg.sslRootCert());
        }
        if (connection instanceof RedisConnection redis) {
            return new RedisTarget(redis.url(), redis.keyPrefix());
        }
        HttpConnection http = (HttpConnection) connection; // the sealed interface's last kind
        return new HttpTarget(http.url(), http.method(), http.headers(), http.timeoutMs(), http.bodyTemplate());
    }
}
