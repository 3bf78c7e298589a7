package io.spillway.pipeline;

import io.spillway.egress.EgressPolicy;
import io.spillway.secret.Secrets;

/**
 * A PostgreSQL database the sync and append jobs write into.
 *
 * @param schema the schema the jobs create their tables in (created when missing); null means public
 * @param sslmode pgjdbc's sslmode, or null for the driver's default
 * @param sslRootCert PEM text of the CA that verify-ca/verify-full trust, or null
 * @param egress the policy checked before every connect ({@link EgressPolicy#BUILT_IN} when null)
 */
public record PostgresTarget(String jdbcUrl, String username, String password, String schema, String sslmode,
        String sslRootCert, EgressPolicy egress) implements Target {
    public PostgresTarget {
        egress = egress == null ? EgressPolicy.BUILT_IN : egress;
    }

    /** A target with the driver's TLS defaults and the built-in egress denials. */
    public PostgresTarget(String jdbcUrl, String username, String password, String schema) {
        this(jdbcUrl, username, password, schema, null, null, null);
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
