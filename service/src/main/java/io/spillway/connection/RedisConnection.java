package io.spillway.connection;

import io.lettuce.core.RedisURI;
import io.spillway.secret.Secrets;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis server kept in sync as a cache: one hash per row under {@code key_prefix}.
 *
 * @param url redis:// or rediss://, optionally with {@code [user:]password@}
 */
@Schema(name = "RedisConnection", description = "type \"redis\": a Redis cache kept in sync, one hash per row")
public record RedisConnection(
        @Schema(example = "cache", requiredMode = Schema.RequiredMode.REQUIRED) String connectionId,
        @Schema(example = "redis://cache.internal:6379/0", requiredMode = Schema.RequiredMode.REQUIRED,
                description = "a password in it is shown as \"****\"") String url,
        @Schema(example = "spillway:cache:", defaultValue = "spillway:cache:") String keyPrefix)
        implements Connection {
    public static final String TYPE = "redis";
    public static final String DEFAULT_KEY_PREFIX = "spillway:cache:";

    public RedisConnection {
        keyPrefix = keyPrefix == null ? DEFAULT_KEY_PREFIX : keyPrefix;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (url == null || url.isBlank()) {
            problems.add("url is missing: e.g. \"redis://cache.internal:6379/0\"");
        } else if (!(url.startsWith("redis://") || url.startsWith("rediss://")) || !parses(url)) {
            // Never echo the URL: it may hold a password.
            problems.add("url must be a Redis URI: redis://[[user:]password@]host[:port][/db] or rediss://...");
        }
        if (keyPrefix.isEmpty() || keyPrefix.length() > 256 || keyPrefix.chars().anyMatch(Character::isWhitespace)) {
            problems.add("key_prefix must be 1 to 256 characters without spaces, e.g. \"spillway:cache:\"");
        }
        return problems;
    }

    private static boolean parses(String url) {
        try {
            RedisURI uri = RedisURI.create(url);
            return uri.getHost() != null && !uri.getHost().isBlank();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public RedisConnection redacted() {
        return new RedisConnection(connectionId, Secrets.redactUrl(url), keyPrefix);
    }

    @Override
    public List<String> secretValues() {
        return new ArrayList<>(Secrets.secretsInUrl(url));
    }

    /** Never the URL's password: records print every component by default. */
    @Override
    public String toString() {
        return "RedisConnection[connectionId=" + connectionId + ", url=" + Secrets.redactUrl(url) + ", keyPrefix="
                + keyPrefix + "]";
    }
}
