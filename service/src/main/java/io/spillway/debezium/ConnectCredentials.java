package io.spillway.debezium;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP basic-auth credentials for Kafka Connect: from {@code DEBEZIUM_CONNECT_USERNAME}/{@code _PASSWORD},
 * else from the user info of {@code DEBEZIUM_CONNECTOR_URL}; none when neither is set. Never printed.
 */
final class ConnectCredentials {
    private static final Pattern USERINFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@]*)@");
    private static final String SETTINGS = "set DEBEZIUM_CONNECT_USERNAME and DEBEZIUM_CONNECT_PASSWORD"
            + " (spillway.kafka-connect.username/password), or user:password@ in DEBEZIUM_CONNECTOR_URL";

    private final String authorization;

    private ConnectCredentials(String authorization) {
        this.authorization = authorization;
    }

    static ConnectCredentials of(String url, String username, String password) {
        if (username != null && !username.isBlank()) {
            return basic(username, password == null ? "" : password);
        }
        Matcher userinfo = USERINFO.matcher(url);
        if (!userinfo.find() || userinfo.group(2).isEmpty()) {
            return new ConnectCredentials(null);
        }
        String info = userinfo.group(2);
        int colon = info.indexOf(':');
        return colon < 0 ? basic(decode(info), "")
                : basic(decode(info.substring(0, colon)), decode(info.substring(colon + 1)));
    }

    /** The URL with any {@code user:password@} removed. */
    static String withoutUserInfo(String url) {
        Matcher userinfo = USERINFO.matcher(url);
        return userinfo.find() ? userinfo.group(1) + url.substring(userinfo.end()) : url;
    }

    private static ConnectCredentials basic(String username, String password) {
        String pair = username + ":" + password;
        byte[] bytes = pair.getBytes(StandardCharsets.UTF_8);
        return new ConnectCredentials("Basic " + Base64.getEncoder().encodeToString(bytes));
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /** Connect answered 401 or 403: what failed and what to set, without the credentials. */
    String refusal(String location, int status) {
        if (authorization == null) {
            return "authentication to Kafka Connect at " + location + " failed (HTTP " + status + "): it requires"
                    + " HTTP basic auth and Spillway sends no credentials; " + SETTINGS;
        }
        return "authentication to Kafka Connect at " + location + " failed (HTTP " + status + "): it refused the"
                + " configured credentials; check them against the users of Connect's basic-auth realm: " + SETTINGS;
    }

    @Override
    public String toString() {
        return authorization == null ? "ConnectCredentials[none]" : "ConnectCredentials[****]";
    }
}
