package io.spillway.connection;

import io.spillway.egress.EgressPolicy;
import io.spillway.egress.EgressRefusedException;
import io.spillway.egress.Endpoint;
import io.spillway.egress.Endpoints;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Checks the hosts a connection reaches against the egress policy, at create and at test. */
@Component
class ConnectionEgress {
    private final EgressPolicy policy;

    ConnectionEgress(EgressPolicy policy) {
        this.policy = policy;
    }

    EgressPolicy policy() {
        return policy;
    }

    /** Why the policy refuses the connection (host, port, rule and how to allow it), or empty. */
    Optional<String> refusal(Connection connection) {
        try {
            policy.checkAll(endpoints(connection));
            return Optional.empty();
        } catch (EgressRefusedException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static List<Endpoint> endpoints(Connection connection) {
        if (connection instanceof PostgresConnection pg) {
            return Endpoints.ofJdbcUrl(pg.jdbcUrl());
        }
        if (connection instanceof RedisConnection redis) {
            return List.of(Endpoints.ofRedisUrl(redis.url()));
        }
        return List.of(Endpoints.ofHttpUrl(((HttpConnection) connection).url()));
    }
}
