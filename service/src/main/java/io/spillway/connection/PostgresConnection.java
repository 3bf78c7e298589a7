package io.spillway.connection;

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
 */
@Schema(name = "PostgresConnection", description = "type \"postgres\": a PostgreSQL target database")
public record PostgresConnection(
        @Schema(example = "warehouse", requiredMode = Schema.RequiredMode.REQUIRED) String connectionId,
        @Schema(example = "jdbc:postgresql://localhost:5432/warehouse", requiredMode = Schema.RequiredMode.REQUIRED)
        String jdbcUrl,
        @Schema(example = "warehouse", requiredMode = Schema.RequiredMode.REQUIRED) String username,
        @Schema(example = "warehouse", description = "shown as \"****\" in every response") String password,
        @Schema(example = "public", defaultValue = "public") String schema) implements Connection {
    public static final String TYPE = "postgres";
    static final String URL_PREFIX = "jdbc:postgresql://";
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern PARAM_NAME = Pattern.compile("[?&]([^=&#]+)=");
    /** Driver parameters that load classes or write files: never from a request (CVE-2022-21724 and kin). */
    private static final Set<String> FORBIDDEN_PARAMS = Set.of("socketfactory", "socketfactoryarg", "sslfactory",
            "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback", "authenticationpluginclassname",
            "loggerfile", "loggerlevel");

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
                if (FORBIDDEN_PARAMS.contains(param.group(1).toLowerCase(Locale.ROOT))) {
                    problems.add("jdbc_url parameter '" + param.group(1) + "' is not allowed: it makes the driver"
                            + " load classes or write files");
                }
            }
        }
        if (username == null || username.isBlank()) {
            problems.add("username is missing: the role the pipeline logs in as");
        }
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            problems.add("schema '" + Secrets.abbreviate(schema) + "' is not a plain identifier: use letters,"
                    + " digits and '_' (at most 63, not starting with a digit)");
        }
        return problems;
    }

    @Override
    public PostgresConnection redacted() {
        return new PostgresConnection(connectionId, Secrets.redactUrl(jdbcUrl),
                username, password == null ? null : Secrets.MASK, schema);
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
                + ", schema=" + schema + "]";
    }
}
