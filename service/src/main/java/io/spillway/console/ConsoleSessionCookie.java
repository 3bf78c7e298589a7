package io.spillway.console;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's sign-in cookie. It holds a token derived from the API key (HMAC-SHA256), not the key itself,
 * so the browser never stores the key; rotating SPILLWAY_API_KEY invalidates every console session.
 * Requests it authenticates must also prove they come from the console page ({@link #fromConsole}).
 */
public final class ConsoleSessionCookie {
    public static final String NAME = "spillway_console";
    /** The header the console's scripts send; a cross-site form or image cannot set it. */
    public static final String CONSOLE_HEADER = "X-Requested-With";
    public static final String CONSOLE_HEADER_VALUE = "spillway-console";
    private static final byte[] PURPOSE = "spillway-console-session-v1".getBytes(StandardCharsets.UTF_8);

    private ConsoleSessionCookie() {
    }

    /** The cookie value for the configured key. */
    public static String token(String apiKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(PURPOSE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The request's console cookie, or null. */
    public static String presented(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** True when the request's cookie is the token of {@code apiKey}, compared in constant time. */
    public static boolean valid(HttpServletRequest request, String apiKey) {
        String presented = presented(request);
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token(apiKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * True when the request was sent by the console's own scripts: it carries the custom header (which a
     * cross-site page can only send after a CORS preflight this service never grants) and the browser does
     * not mark it as coming from another site.
     */
    public static boolean fromConsole(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        boolean crossSite = site != null && !site.equals("same-origin") && !site.equals("none");
        return CONSOLE_HEADER_VALUE.equals(request.getHeader(CONSOLE_HEADER)) && !crossSite;
    }

    /** Safe methods change nothing, so a cookie alone is enough for them. */
    public static boolean unsafe(HttpServletRequest request) {
        String method = request.getMethod();
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }
}
