package io.spillway.debezium;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of responses and log lines: config values under secret-looking keys become "****",
 * passwords inside URLs are masked, and the secret values themselves are scrubbed from any text
 * (Connect's messages, task traces) before it leaves the service.
 */
public final class SecretRedaction {
    static final String MASK = "****";
    private static final List<String> SECRET_WORDS = List.of(
            "password", "passwd", "secret", "token", "credential", "api.key", "apikey", "api_key",
            "api-key", "jaas.config", "private.key", "access.key", "auth.key", "sslkey", "key.password");
    /** user:password@ in a URL, and password=... in a connection string. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/:@\\s]*:)[^@/\\s]*@");
    private static final Pattern PARAM_PASSWORD =
            Pattern.compile("(?i)((?:password|pwd|secret|token)=)[^&;\\s]*");
    /** Shorter values would mangle messages where they occur by chance; they are still masked by key. */
    private static final int MIN_SCRUBBED_LENGTH = 4;

    private SecretRedaction() {
    }

    static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT).replace('_', '.');
        return SECRET_WORDS.stream().anyMatch(word -> lower.contains(word.replace('_', '.')));
    }

    /** A copy of the config, sorted by key, safe to show. */
    static Map<String, String> redact(Map<String, String> config) {
        Map<String, String> shown = new TreeMap<>();
        config.forEach((key, value) -> shown.put(key, isSecretKey(key) ? MASK : maskInline(value)));
        return shown;
    }

    /** The values of a config's secret keys: what {@link #scrub} removes from free text. */
    public static List<String> secretValues(Map<String, String> config) {
        return config.entrySet().stream()
                .filter(e -> isSecretKey(e.getKey()) && e.getValue() != null)
                .map(Map.Entry::getValue)
                .filter(v -> v.length() >= MIN_SCRUBBED_LENGTH)
                .toList();
    }

    /** Free text with the given secret values and any inline URL passwords masked. */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return maskInline(result);
    }

    private static String maskInline(String value) {
        if (value == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(value).replaceAll("$1" + MASK + "@");
        return PARAM_PASSWORD.matcher(masked).replaceAll("$1" + MASK);
    }
}
