package io.spillway.pipeline;

import io.spillway.secret.Secrets;

/**
 * A PostgreSQL database the sync and append jobs write into.
 *
 * @param schema the schema the jobs create their tables in (created when missing); null means public
 * @param sslmode pgjdbc's sslmode, or null for the driver's default
 * @param sslRootCert PEM text of the CA that verify-ca/verify-full trust, or null
 */
public record PostgresTarget(String jdbcUrl, String username, String password, String schema, String sslmode,
        String sslRootCert) implements Target {
    /** A target with the driver's TLS defaults. */
    public PostgresTarget(String jdbcUrl, String username, String password, String schema) {
        this(jdbcUrl, username, password, schema, null, null);
    }

    @Override
    public String type() {
        return "postgres";
    }

    public String schemaOrDefault() {
        return schema == null || schema.isBlank() ? "public" : schema;
    }

    /** Never prints the password: targets reach log lines and error messages. */
    @Override
    public String toString() {
        return "PostgresTarget[jdbcUrl=" + Secrets.redactUrl(jdbcUrl) + ", username=" + username
                + ", password=****, schema=" + schema + ", sslmode=" + sslmode + "]";
    }
}
