package io.spillway.pipeline;

import io.spillway.egress.EgressPolicy;
import io.spillway.secret.Secrets;

/**
 * A Redis server the sync job keeps one hash per row in.
 *
 * @param url redis://[user:password@]host:port[/db]
 * @param keyPrefix prepended to every key the job writes (may be empty)
 * @param egress the policy checked before every connect ({@link EgressPolicy#BUILT_IN} when null)
 */
public record RedisTarget(String url, String keyPrefix, EgressPolicy egress) implements Target {
    public RedisTarget {
        egress = egress == null ? EgressPolicy.BUILT_IN : egress;
    }

    public RedisTarget(String url, String keyPrefix) {
        this(url, keyPrefix, null);
    }

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
