package io.spillway.pipeline;

import io.spillway.secret.Secrets;

/**
 * A PostgreSQL database the sync and append jobs write into.
 *
 * @param schema the schema the jobs create their tables in (created when missing); null means public
 */
public record PostgresTarget(String jdbcUrl, String username, String password, String schema) implements Target {
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
                + ", password=****, schema=" + schema + "]";
    }
}
