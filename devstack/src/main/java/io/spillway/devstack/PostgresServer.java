package io.spillway.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL server from Maven-delivered binaries, set up as the seed document describes:
 * logical replication on, database {@code mydatabase}, replication role {@code debezium}, table
 * {@code public.person12}; plus the default target database {@code warehouse}.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String SOURCE_DB = "mydatabase";
    public static final String SOURCE_USER = "debezium";
    public static final String SOURCE_PASSWORD = "password";
    public static final String TARGET_DB = "warehouse";
    public static final String TARGET_USER = "warehouse";
    public static final String TARGET_PASSWORD = "warehouse";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final Path dataDir;

    private PostgresServer(EmbeddedPostgres postgres, int port, Path dataDir) {
        this.postgres = postgres;
        this.port = port;
        this.dataDir = dataDir;
    }

    public static PostgresServer start(Path dataDir, int port) {
        return start(dataDir, port, null);
    }

    /**
     * As {@link #start(Path, int)}, with TLS on when {@code tls} is given: then every role but the local
     * superuser must connect over TLS (hostssl), so a client that does not encrypt is refused.
     */
    public static PostgresServer start(Path dataDir, int port, TestCertificates tls) {
        try {
            Files.createDirectories(dataDir.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (tls != null) {
                builder.setServerConfig("ssl", "on")
                        .setServerConfig("ssl_cert_file", tls.serverCertificate().toString())
                        .setServerConfig("ssl_key_file", tls.serverKey().toString());
            }
            EmbeddedPostgres postgres = builder
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // The stack stops PostgreSQL itself, in order; zonky's own hook would stop it a second
                    // time and log "Could not stop postmaster" with a stack trace on every normal stop.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_wal_senders", "20")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .start();
            PostgresServer server = new PostgresServer(postgres, port, dataDir);
            server.bootstrap();
            server.requirePasswords(tls == null ? "host" : "hostssl");
            return server;
        } catch (IOException e) {
            throw new DevstackException("PostgreSQL did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** The running postmaster's process id (its postmaster.pid), empty when it is not running. */
    public Optional<Long> postmasterPid() {
        return LeftoverProcesses.postmasterPid(dataDir);
    }

    /** Where its data lives: {@code start(dataDir(), port())} after {@link #close()} brings the same server back. */
    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Superuser connection, for set-up and for tests that compare source and target. */
    public Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "postgres");
    }

    /** Idempotent: runs on every start, so a kept data directory is simply confirmed. */
    private void bootstrap() {
        try (Connection admin = superuser("postgres"); Statement sql = admin.createStatement()) {
            sql.execute(createRoleIfMissing(SOURCE_USER, SOURCE_PASSWORD, "LOGIN REPLICATION"));
            sql.execute(createRoleIfMissing(TARGET_USER, TARGET_PASSWORD, "LOGIN"));
            createDatabaseIfMissing(sql, SOURCE_DB, "postgres");
            createDatabaseIfMissing(sql, TARGET_DB, TARGET_USER);
        } catch (SQLException e) {
            throw new DevstackException("PostgreSQL set-up failed: " + e.getMessage(), e);
        }
        try (Connection source = superuser(SOURCE_DB); Statement sql = source.createStatement()) {
            // The seed document's grants, verbatim in spirit.
            sql.execute("GRANT USAGE ON SCHEMA public TO debezium");
            sql.execute("GRANT CREATE ON DATABASE mydatabase TO debezium");
            sql.execute("""
                    CREATE TABLE IF NOT EXISTS public.person12 (
                        id serial PRIMARY KEY,
                        name text NOT NULL,
                        email text,
                        age integer,
                        created_at timestamptz NOT NULL DEFAULT now())""");
            sql.execute("ALTER TABLE public.person12 OWNER TO debezium");
            // Full before-images: an update's change event carries the old row, not only the key.
            sql.execute("ALTER TABLE public.person12 REPLICA IDENTITY FULL");
            sql.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO debezium");
            sql.execute("GRANT CREATE ON SCHEMA public TO debezium");
        } catch (SQLException e) {
            throw new DevstackException("PostgreSQL set-up of " + SOURCE_DB + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The binaries' initdb trusts every local connection; a wrong password must fail as it would on a
     * real server. Only the superuser the devstack itself uses stays trusted.
     */
    private void requirePasswords(String host) {
        String hba = String.join("\n",
                "# Written by the Spillway devstack: passwords for everyone but the local superuser.",
                "local   all          postgres                 trust",
                "host    all          postgres  127.0.0.1/32   trust",
                "host    all          postgres  ::1/128        trust",
                "local   all          all                      scram-sha-256",
                host + " all          all       127.0.0.1/32   scram-sha-256",
                host + " all          all       ::1/128        scram-sha-256",
                host + " replication  all       127.0.0.1/32   scram-sha-256",
                host + " replication  all       ::1/128        scram-sha-256",
                "");
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba);
            try (Connection admin = superuser("postgres"); Statement sql = admin.createStatement()) {
                sql.execute("SELECT pg_reload_conf()");
            }
        } catch (IOException | SQLException e) {
            throw new DevstackException("cannot require passwords in PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static String createRoleIfMissing(String role, String password, String attributes) {
        return "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
                + "CREATE ROLE " + role + " WITH " + attributes + " PASSWORD '" + password + "'; END IF; END $$";
    }

    private static void createDatabaseIfMissing(Statement sql, String database, String owner) throws SQLException {
        try (var rs = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
            if (rs.next()) {
                return;
            }
        }
        sql.execute("CREATE DATABASE " + database + " OWNER " + owner);
    }

    @Override
    public void close() {
        Optional<ProcessHandle> postmaster = LeftoverProcesses.postmasterPid(dataDir)
                .flatMap(ProcessHandle::of);
        try {
            postgres.close();
        } catch (IOException e) {
            throw new DevstackException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        } finally {
            // pg_ctl gives up waiting after a few seconds; make sure the server is really gone.
            postmaster.ifPresent(p -> {
                try {
                    p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            });
        }
    }
}
