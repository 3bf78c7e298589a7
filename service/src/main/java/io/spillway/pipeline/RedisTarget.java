package io.spillway.pipeline;

import io.spillway.secret.Secrets;

/**
 * A Redis server the sync job keeps one hash per row in.
 *
 * @param url redis://[user:password@]host:port[/db]
 * @param keyPrefix prepended to every key the job writes (may be empty)
 */
public record RedisTarget(String url, String keyPrefix) implements Target {
    @Override
    public String type() {
        return "redis";
    }

    public String keyPrefixOrEmpty() {
        return keyPrefix == null ? "" : keyPrefix;
    }

    @Override
    public String toString() {
        return "RedisTarget[url=" + Secrets.redactUrl(url) + ", keyPrefix=" + keyPrefix + "]";
    }
}
