package io.spillway.connection;

import io.spillway.pipeline.trigger.BodyTemplate;
import io.spillway.secret.Secrets;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An HTTP endpoint a {@code trigger} pipeline calls with each window's summary (a webhook, an Airflow
 * DAG run, an Airbyte sync).
 */
@Schema(name = "HttpConnection", description = "type \"http\": an HTTP endpoint called by trigger pipelines")
public record HttpConnection(
        @Schema(example = "airflow", requiredMode = Schema.RequiredMode.REQUIRED) String connectionId,
        @Schema(example = "https://airflow.example.com/api/v1/dags/load/dagRuns",
                requiredMode = Schema.RequiredMode.REQUIRED) String url,
        @Schema(example = "POST", defaultValue = "POST",
                allowableValues = {"GET", "POST", "PUT", "PATCH", "DELETE"}) String method,
        @Schema(description = "sent with every call; values of secret headers (Authorization, X-API-Key,"
                + " names with token/secret/key/password) are shown as \"****\"")
        Map<String, String> headers,
        @Schema(example = "10000", defaultValue = "10000") Integer timeoutMs,
        @Schema(description = "a JSON body sent instead of the window summary, with {{placeholder}}s such as"
                + " {{pipeline}}, {{window_id}}, {{event_count}}; see the trigger job's docs",
                example = "{\"connectionId\": \"2f6c-airbyte-connection\", \"jobType\": \"sync\"}")
        String bodyTemplate) implements Connection {
    public static final String TYPE = "http";
    public static final int DEFAULT_TIMEOUT_MS = 10_000;
    static final int MAX_TIMEOUT_MS = 300_000;
    static final int MAX_BODY_TEMPLATE_CHARS = 65_536;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
    /** Headers the JDK client sets itself and refuses to take from us. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    public HttpConnection {
        method = method == null || method.isBlank() ? "POST" : method.toUpperCase(Locale.ROOT);
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        timeoutMs = timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (url == null || url.isBlank()) {
            problems.add("url is missing: e.g. \"https://example.com/hooks/spillway\"");
        } else if (!isHttpUrl(url)) {
            problems.add("url must be an absolute http:// or https:// URL with a host");
        }
        if (!METHODS.contains(method)) {
            problems.add("method '" + Secrets.abbreviate(method) + "' is not supported: use one of " + METHODS);
        }
        headers.forEach((name, value) -> {
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                problems.add("header name '" + Secrets.abbreviate(String.valueOf(name)) + "' is not a valid HTTP token");
            } else if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add("header '" + name + "' is set by the HTTP client itself: remove it");
            } else if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                problems.add("header '" + name + "' needs a value on one line");
            }
        });
        if (bodyTemplate != null && bodyTemplate.length() > MAX_BODY_TEMPLATE_CHARS) {
            problems.add("body_template has " + bodyTemplate.length() + " characters; at most "
                    + MAX_BODY_TEMPLATE_CHARS + " are taken (it is sent with every window)");
        } else if (bodyTemplate != null) {
            List<String> unknown = BodyTemplate.unknownPlaceholders(bodyTemplate);
            if (!unknown.isEmpty()) {
                problems.add("body_template uses unknown placeholders " + unknown + ": use only "
                        + new TreeSet<>(BodyTemplate.PLACEHOLDERS));
            }
        }
        if (timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
            problems.add("timeout_ms must be between 1 and " + MAX_TIMEOUT_MS + " (got " + timeoutMs + ")");
        }
        return problems;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public HttpConnection redacted() {
        Map<String, String> shown = new LinkedHashMap<>();
        headers.forEach((name, value) -> shown.put(name,
                name != null && Secrets.isSecretName(name) ? Secrets.MASK : value));
        return new HttpConnection(connectionId, Secrets.redactUrl(url), method, shown, timeoutMs, bodyTemplate);
    }

    @Override
    public List<String> secretValues() {
        List<String> secrets = new ArrayList<>(Secrets.secretsInUrl(url));
        headers.forEach((name, value) -> {
            if (name != null && Secrets.isSecretName(name)) {
                secrets.add(value);
                // "Bearer abc" may surface as "abc" alone
                if (value != null && value.indexOf(' ') > 0) {
                    secrets.add(value.substring(value.indexOf(' ') + 1));
                }
            }
        });
        return secrets;
    }

    /** Never a secret header or URL credential: records print every component by default. */
    @Override
    public String toString() {
        HttpConnection shown = redacted();
        return "HttpConnection[connectionId=" + connectionId + ", url=" + shown.url + ", method=" + method
                + ", headers=" + shown.headers + ", timeoutMs=" + timeoutMs + ", bodyTemplate=" + bodyTemplate + "]";
    }
}
