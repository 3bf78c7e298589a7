package io.spillway.secret;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises and masks secrets in header names, URLs and messages, so none reaches a client or a log.
 * Shared by connections (responses) and jobs (error messages that name a target).
 */
public final class Secrets {
    public static final String MASK = "****";

    private static final List<String> SECRET_WORDS = List.of(
            "password", "passwd", "pwd", "secret", "token", "key", "auth", "cookie", "credential", "signature");
    /** scheme://userinfo@ ; jdbc:postgresql:// counts as a scheme. */
    private static final Pattern USERINFO = Pattern.compile("^((?:jdbc:)?[A-Za-z][A-Za-z0-9+.-]*://)([^/?#@]*)@");
    private static final Pattern QUERY_PARAM = Pattern.compile("([?&;])([^=&;#]+)=([^&;#]*)");

    private Secrets() {
    }

    /** True for names such as Authorization, X-API-Key, access_token, client-secret, password. */
    public static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /**
     * Masks the password in a URL's user info (all of it when there is no ':', as Redis reads
     * {@code redis://secret@host} as a password) and the values of query parameters with secret names.
     */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        String result = url;
        Matcher userinfo = USERINFO.matcher(result);
        if (userinfo.find()) {
            String info = userinfo.group(2);
            int colon = info.indexOf(':');
            String masked = colon < 0 ? MASK : info.substring(0, colon + 1) + MASK;
            result = userinfo.group(1) + masked + "@" + result.substring(userinfo.end());
        }
        Matcher param = QUERY_PARAM.matcher(result);
        StringBuilder out = new StringBuilder();
        while (param.find()) {
            String replacement = isSecretName(param.group(2))
                    ? param.group(1) + param.group(2) + "=" + MASK : param.group();
            param.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        param.appendTail(out);
        return out.toString();
    }

    /** The secret parts of a URL (user-info password, secret query values), for {@link #scrub}. */
    public static List<String> secretsInUrl(String url) {
        if (url == null) {
            return List.of();
        }
        java.util.ArrayList<String> found = new java.util.ArrayList<>();
        Matcher userinfo = USERINFO.matcher(url);
        if (userinfo.find()) {
            String info = userinfo.group(2);
            int colon = info.indexOf(':');
            found.add(colon < 0 ? info : info.substring(colon + 1));
        }
        Matcher param = QUERY_PARAM.matcher(url);
        while (param.find()) {
            if (isSecretName(param.group(2))) {
                found.add(param.group(3));
            }
        }
        return found;
    }

    /** Replaces every occurrence of the given secret values (longest first) in a message by {@value #MASK}. */
    public static String scrub(String message, List<String> secrets) {
        if (message == null) {
            return "";
        }
        String result = message;
        List<String> ordered = secrets.stream()
                .filter(s -> s != null && !s.isEmpty() && !s.equals(MASK))
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        for (String secret : ordered) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /** A client-chosen string shortened for an error message. */
    public static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
