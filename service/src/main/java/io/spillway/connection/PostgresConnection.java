package io.spillway.connection;

import io.spillway.pipeline.postgres.PgTls;
import io.spillway.secret.Secrets;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL database that {@code sync} and {@code append} pipelines load into.
 *
 * @param schema where the target tables live; "public" when absent
 * @param sslmode libpq's sslmode (disable, allow, prefer, require, verify-ca, verify-full); absent means the
 *     driver's default, prefer
 * @param sslRootCert the CA certificate(s), PEM text, that verify-ca and verify-full trust; shown in responses
 *     only as subject and fingerprint
 */
@Schema(name = "PostgresConnection", description = "type \"postgres\": a PostgreSQL target database")
public record PostgresConnection(
        @Schema(example = "warehouse", requiredMode = Schema.RequiredMode.REQUIRED) String connectionId,
        @Schema(example = "jdbc:postgresql://localhost:5432/warehouse", requiredMode = Schema.RequiredMode.REQUIRED)
        String jdbcUrl,
        @Schema(example = "warehouse", requiredMode = Schema.RequiredMode.REQUIRED) String username,
        @Schema(example = "warehouse", description = "shown as \"****\" in every response") String password,
        @Schema(example = "public", defaultValue = "public") String schema,
        @Schema(example = "verify-full", allowableValues = {"disable", "allow", "prefer", "require", "verify-ca",
                "verify-full"}, description = "TLS to the database; absent: the driver's default (prefer)")
        String sslmode,
        @Schema(example = "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n",
                description = "PEM text of the CA certificate(s) that verify-ca/verify-full trust; responses show"
                        + " each certificate's subject and SHA-256 fingerprint instead")
        String sslRootCert) implements Connection {
    public static final String TYPE = "postgres";
    static final String URL_PREFIX = "jdbc:postgresql://";
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern PARAM_NAME = Pattern.compile("[?&]([^=&#]+)=");
    /** Driver parameters that load classes or write files: never from a request (CVE-2022-21724 and kin). */
    private static final Set<String> FORBIDDEN_PARAMS = Set.of("socketfactory", "socketfactoryarg", "sslfactory",
            "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback", "authenticationpluginclassname",
            "loggerfile", "loggerlevel");
    /** Driver TLS parameters that the sslmode and ssl_root_cert fields set. */
    private static final Set<String> TLS_PARAMS = Set.of("ssl", "sslmode", "sslrootcert");

    public PostgresConnection {
        schema = schema == null || schema.isBlank() ? "public" : schema;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            problems.add("jdbc_url is missing: e.g. \"jdbc:postgresql://localhost:5432/warehouse\"");
        } else if (!jdbcUrl.startsWith(URL_PREFIX) || jdbcUrl.length() == URL_PREFIX.length()) {
            problems.add("jdbc_url must start with \"" + URL_PREFIX + "\" followed by host, port and database,"
                    + " e.g. \"jdbc:postgresql://localhost:5432/warehouse\"");
        } else {
            Matcher param = PARAM_NAME.matcher(jdbcUrl);
            while (param.find()) {
                String name = param.group(1).toLowerCase(Locale.ROOT);
                if (FORBIDDEN_PARAMS.contains(name)) {
                    problems.add("jdbc_url parameter '" + param.group(1) + "' is not allowed: it makes the driver"
                            + " load classes or write files");
                } else if (TLS_PARAMS.contains(name) && (sslmode != null || sslRootCert != null)) {
                    // The URL's value would silently win over the field's.
                    problems.add("jdbc_url parameter '" + param.group(1) + "' conflicts with the sslmode and"
                            + " ssl_root_cert fields: set TLS in the fields only");
                }
            }
        }
        problems.addAll(tlsProblems());
        if (username == null || username.isBlank()) {
            problems.add("username is missing: the role the pipeline logs in as");
        }
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            problems.add("schema '" + Secrets.abbreviate(schema) + "' is not a plain identifier: use letters,"
                    + " digits and '_' (at most 63, not starting with a digit)");
        }
        return problems;
    }

    private List<String> tlsProblems() {
        List<String> problems = new ArrayList<>();
        if (sslmode != null && !PgTls.MODES.contains(sslmode)) {
            problems.add("sslmode '" + Secrets.abbreviate(sslmode) + "' is unknown: use one of "
                    + String.join(", ", PgTls.MODES));
        } else if (PgTls.verifiesCertificate(sslmode) && (sslRootCert == null || sslRootCert.isBlank())) {
            problems.add("sslmode " + sslmode + " needs ssl_root_cert: the PEM text of the CA certificate that"
                    + " signed the server's certificate (or use sslmode require to encrypt without verifying)");
        } else if (sslRootCert != null && !PgTls.verifiesCertificate(sslmode)) {
            problems.add("ssl_root_cert is used only with sslmode verify-ca or verify-full: set one of them, or"
                    + " leave ssl_root_cert out");
        }
        if (sslRootCert != null && !sslRootCert.isBlank()) {
            String certificateProblem = CaCertificates.problem(sslRootCert);
            if (certificateProblem != null) {
                problems.add(certificateProblem);
            }
        }
        return problems;
    }

    @Override
    public PostgresConnection redacted() {
        return new PostgresConnection(connectionId, Secrets.redactUrl(jdbcUrl),
                username, password == null ? null : Secrets.MASK, schema, sslmode, caShown());
    }

    /** The CA as clients see it: subject and fingerprint, not the PEM text. */
    private String caShown() {
        return sslRootCert == null ? null : CaCertificates.describe(sslRootCert);
    }

    @Override
    public List<String> secretValues() {
        List<String> secrets = new ArrayList<>(Secrets.secretsInUrl(jdbcUrl));
        secrets.add(password);
        return secrets;
    }

    /** Never the password: records print every component by default, and this one reaches logs. */
    @Override
    public String toString() {
        return "PostgresConnection[connectionId=" + connectionId + ", jdbcUrl=" + Secrets.redactUrl(jdbcUrl)
                + ", username=" + username + ", password=" + (password == null ? null : Secrets.MASK)
                + ", schema=" + schema + ", sslmode=" + sslmode + ", sslRootCert=" + caShown() + "]";
    }
}
