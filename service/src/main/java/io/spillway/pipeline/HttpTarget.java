package io.spillway.pipeline;

import io.spillway.egress.EgressPolicy;
import io.spillway.secret.Secrets;
import java.util.Map;

/**
 * An HTTP endpoint the trigger job calls with the window's summary.
 *
 * @param method the HTTP method (POST when null)
 * @param headers sent with every call (e.g. Authorization); values are secrets, never logged
 * @param timeoutMs connect and response timeout; 10 s when 0 or less
 * @param bodyTemplate a JSON body with {@code {{placeholder}}}s sent instead of the summary, or null
 * @param egress the policy checked before every call ({@link EgressPolicy#BUILT_IN} when null)
 */
public record HttpTarget(String url, String method, Map<String, String> headers, int timeoutMs,
        String bodyTemplate, EgressPolicy egress) implements Target {
    public HttpTarget {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        egress = egress == null ? EgressPolicy.BUILT_IN : egress;
    }

    public HttpTarget(String url, String method, Map<String, String> headers, int timeoutMs, String bodyTemplate) {
        this(url, method, headers, timeoutMs, bodyTemplate, null);
    }

    @Override
    public String type() {
        return "http";
    }

    public String methodOrDefault() {
        return method == null || method.isBlank() ? "POST" : method.toUpperCase(java.util.Locale.ROOT);
    }

    public int timeoutMsOrDefault() {
        return timeoutMs <= 0 ? 10_000 : timeoutMs;
    }

    @Override
    public String toString() {
        return "HttpTarget[url=" + Secrets.redactUrl(url) + ", method=" + method + ", headers=" + headers.keySet()
                + ", timeoutMs=" + timeoutMs + ", bodyTemplate=" + (bodyTemplate != null) + "]";
    }
}
