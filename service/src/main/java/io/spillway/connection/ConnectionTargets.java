package io.spillway.connection;

import io.spillway.api.NotFoundException;
import io.spillway.egress.EgressPolicy;
import io.spillway.pipeline.HttpTarget;
import io.spillway.pipeline.PostgresTarget;
import io.spillway.pipeline.RedisTarget;
import io.spillway.pipeline.Target;
import io.spillway.pipeline.TargetResolver;
import org.springframework.stereotype.Component;

/**
 * Gives the pipeline jobs the target of a registered connection, secrets included, with the egress policy.
 * A connection read in the last two seconds is not read from Redis again (see {@link RecentConnections}).
 */
@Component
public class ConnectionTargets implements TargetResolver {
    private final RecentConnections connections;
    private final EgressPolicy egress;

    public ConnectionTargets(ConnectionStore store, EgressPolicy egress) {
        this.connections = new RecentConnections(store::find, System::currentTimeMillis);
        this.egress = egress;
    }

    @Override
    public Target resolve(String connectionId) {
        Connection connection = connections.find(connectionId).orElseThrow(() -> new NotFoundException(
                "connection '" + connectionId + "' does not exist: register it with POST /connection/create"));
        if (connection instanceof PostgresConnection pg) {
            return new PostgresTarget(pg.jdbcUrl(), pg.username(), pg.password(), pg.schema(), pg.sslmode(),
                    pg.sslRootCert(), egress);
        }
        if (connection instanceof RedisConnection redis) {
            return new RedisTarget(redis.url(), redis.keyPrefix(), egress);
        }
        HttpConnection http = (HttpConnection) connection; // the sealed interface's last kind
        return new HttpTarget(http.url(), http.method(), http.headers(), http.timeoutMs(), http.bodyTemplate(),
                egress);
    }
}
