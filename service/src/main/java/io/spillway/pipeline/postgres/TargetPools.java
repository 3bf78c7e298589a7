package io.spillway.pipeline.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.spillway.egress.EgressPolicy;
import io.spillway.egress.EgressSocketFactory;
import io.spillway.pipeline.PostgresTarget;
import io.spillway.pipeline.TargetTimeouts;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One small HikariCP pool per PostgreSQL target. A pool with no use closes its connections after a
 * minute (minimum idle 0), so a connection that was deleted or changed costs nothing for long.
 */
public final class TargetPools {
    /** The pool's identity: a changed password, TLS setting or policy is a new pool. Never printed (it holds the password). */
    private record Key(String jdbcUrl, String username, String password, String sslmode, String sslRootCert,
            EgressPolicy egress) {
        @Override
        public String toString() {
            return "Key[" + jdbcUrl + ", " + username + "]";
        }
    }

    private static final Map<Key, HikariDataSource> pools = new ConcurrentHashMap<>();
    private static final AtomicInteger counter = new AtomicInteger();

    private TargetPools() {
    }

    static HikariDataSource dataSourceFor(PostgresTarget target) {
        Key key = new Key(target.jdbcUrl(), target.username(), target.password(), target.sslmode(),
                target.sslRootCert(), target.egress());
        return pools.computeIfAbsent(key, TargetPools::create);
    }

    private static HikariDataSource create(Key key) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("spillway-target-" + counter.incrementAndGet());
        config.setJdbcUrl(key.jdbcUrl());
        config.setUsername(key.username() == null ? "" : key.username());
        config.setPassword(key.password());
        config.setAutoCommit(false);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setIdleTimeout(60_000);
        TargetTimeouts timeouts = TargetTimeouts.current();
        config.setConnectionTimeout(timeouts.pool().toMillis());
        // Fail the job (and retry it) instead of failing the pool when the target is down at first use.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "spillway");
        PgTls.driverProperties(key.sslmode(), key.sslRootCert()).forEach(config::addDataSourceProperty);
        // Every socket the pool opens checks the address it connects to against the egress policy.
        config.addDataSourceProperty("socketFactory", EgressSocketFactory.class.getName());
        config.addDataSourceProperty("socketFactoryArg", EgressSocketFactory.register(key.egress()));
        // A target that stops answering fails the job instead of blocking the consumer: connect and login
        // (a socket that accepts and never answers), every read (a frozen server), and the server's own
        // statement and lock timeouts (a lock held elsewhere, a runaway statement). The URL's own win.
        config.addDataSourceProperty("connectTimeout", TargetTimeouts.seconds(timeouts.connect()));
        config.addDataSourceProperty("loginTimeout", TargetTimeouts.seconds(timeouts.connect()));
        config.addDataSourceProperty("socketTimeout", TargetTimeouts.seconds(timeouts.socket()));
        config.addDataSourceProperty("options", "-c statement_timeout=" + timeouts.statement().toMillis()
                + " -c lock_timeout=" + timeouts.lock().toMillis());
        return new HikariDataSource(config);
    }

    /** Closes every pool; called when the service stops. */
    public static void closeAll() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
    }
}
