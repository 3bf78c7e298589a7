package io.spillway.api;

import io.spillway.config.SpillwayProperties;
import io.spillway.console.ConsoleSessionCookie;
import io.spillway.console.CrossSiteRefused;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When SPILLWAY_API_KEY is set, every endpoint but health and docs needs it, as {@code X-API-Key} or
 * {@code Authorization: Bearer}, or the console's session cookie (a token derived from the key, see
 * {@link ConsoleSessionCookie}). Compared in constant time; the key itself is never logged. A request
 * authenticated by the cookie alone that changes something must come from the console page (custom header,
 * not cross-site): a cookie is sent by the browser whatever page makes the request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {
    private static final List<String> OPEN_PREFIXES = List.of(
            "/health", "/docs", "/openapi.json", "/swagger-ui", "/actuator/health", "/favicon.ico",
            // the console's static page and its sign-in endpoint, which checks the key itself
            "/console");

    private final SpillwayProperties properties;

    public ApiKeyFilter(SpillwayProperties properties) {
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!properties.apiKeyRequired()) {
            return true;
        }
        String path = pathOf(request);
        return path.equals("/") || OPEN_PREFIXES.stream()
                .anyMatch(open -> path.equals(open) || path.startsWith(open + "/"));
    }

    /**
     * The path the container routes by: decoded and with dot segments resolved, unlike the raw request
     * URI, so "/health/../connection/list" is judged as "/connection/list".
     */
    static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + pathInfo;
        return path.isEmpty() ? request.getRequestURI() : path;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = presentedKey(request);
        if (presented != null && matches(presented, properties.apiKey())) {
            chain.doFilter(request, response);
            return;
        }
        if (presented == null && ConsoleSessionCookie.valid(request, properties.apiKey())) {
            if (ConsoleSessionCookie.unsafe(request) && !ConsoleSessionCookie.fromConsole(request)) {
                writeProblem(response, request, HttpServletResponse.SC_FORBIDDEN, "Forbidden", CrossSiteRefused.DETAIL);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        String detail = presented == null
                ? "this endpoint needs the API key: send it as 'X-API-Key: <key>' or 'Authorization: Bearer <key>'"
                : "the API key is wrong: use the value of SPILLWAY_API_KEY the service was started with";
        writeProblem(response, request, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
    }

    private static void writeProblem(HttpServletResponse response, HttpServletRequest request, int status,
            String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ","
                + "\"detail\":\"" + detail.replace("\"", "\\\"") + "\",\"instance\":\""
                + request.getRequestURI().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    /** True when the request carries the configured key (open endpoints use it to decide what to show). */
    public boolean authorized(HttpServletRequest request) {
        if (!properties.apiKeyRequired()) {
            return true;
        }
        String presented = presentedKey(request);
        return presented != null ? matches(presented, properties.apiKey())
                : ConsoleSessionCookie.valid(request, properties.apiKey());
    }

    private static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader("X-API-Key");
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }

    static boolean matches(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
