package io.spillway.connection;

import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Really connects to a connection's target, by type, and says what worked or what failed. */
@Component
class ConnectionTester {
    private final PostgresConnectionTester postgres;
    private final HttpConnectionTester http;
    private final RedisConnectionTester redis;

    ConnectionTester(PostgresConnectionTester postgres, HttpConnectionTester http, RedisConnectionTester redis) {
        this.postgres = postgres;
        this.http = http;
        this.redis = redis;
    }

    ConnectionTestResult test(Connection connection) {
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
