package io.spillway.connection;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Really connects to a connection's target, by type, and says what worked or what failed. */
@Component
class ConnectionTester {
    private final PostgresConnectionTester postgres;
    private final HttpConnectionTester http;
    private final RedisConnectionTester redis;
    private final ConnectionEgress egress;

    ConnectionTester(PostgresConnectionTester postgres, HttpConnectionTester http, RedisConnectionTester redis,
            ConnectionEgress egress) {
        this.postgres = postgres;
        this.http = http;
        this.redis = redis;
        this.egress = egress;
    }

    ConnectionTestResult test(Connection connection) {
        long started = System.nanoTime();
        // Checked right before connecting, after resolution: a host may resolve elsewhere than at create.
        Optional<String> refused = egress.refusal(connection);
        if (refused.isPresent()) {
            return result(false, "not reachable: " + refused.get(), started);
        }
        if (connection instanceof PostgresConnection pg) {
            return postgres.test(pg);
        }
        if (connection instanceof HttpConnection web) {
            return http.test(web);
        }
        return redis.test((RedisConnection) connection);
    }

    static ConnectionTestResult result(boolean ok, String message, long startedNanos) {
        return new ConnectionTestResult(ok, message,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }
}
