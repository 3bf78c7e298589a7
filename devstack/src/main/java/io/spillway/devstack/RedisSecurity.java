package io.spillway.devstack;

import java.util.ArrayList;
import java.util.List;

/**
 * How a secured Redis starts: the open {@code default} user is off; {@code admin} may do anything (a
 * test's own checks); {@code user} may do only what {@link #SPILLWAY_ACL} allows. With a certificate,
 * Redis listens for TLS only.
 *
 * @param user the service's ACL user
 * @param password its password
 * @param adminPassword the {@code admin} user's password
 * @param tls the server's certificate, or null for plain TCP
 * @param cluster a cluster node: the user may also read the topology ({@link #CLUSTER_ACL})
 */
public record RedisSecurity(String user, String password, String adminPassword, SelfSignedCertificate tls,
        boolean cluster) {
    /**
     * The least the service needs on its own Redis: the commands it sends (scripts included), on keys
     * under {@code spillway:} only, no Pub/Sub channels. No KEYS, SCAN, FLUSHALL, CONFIG or other admin
     * command.
     */
    public static final List<String> SPILLWAY_ACL = List.of("resetkeys", "~spillway:*", "resetchannels", "-@all",
            "+ping", "+info", "+get", "+set", "+del", "+mget", "+hget", "+hset", "+hsetnx", "+hdel", "+hgetall",
            "+hincrby", "+expire", "+exists", "+sadd", "+srem", "+smembers", "+lpush", "+lrange", "+ltrim", "+llen",
            "+zadd", "+zrem", "+zrange", "+zremrangebyrank", "+eval", "+evalsha", "+script|load");
    /** What Lettuce's cluster client also needs: it reads the topology from every node. */
    public static final List<String> CLUSTER_ACL = List.of("+cluster|nodes", "+cluster|myid");
    public static final String ADMIN = "admin";

    public RedisSecurity(String user, String password, String adminPassword, SelfSignedCertificate tls) {
        this(user, password, adminPassword, tls, false);
    }

    /** The same users for the nodes of a cluster (plain TCP: the test cluster has no TLS). */
    public RedisSecurity forCluster() {
        return new RedisSecurity(user, password, adminPassword, null, true);
    }

    /** The redis-server arguments that set this up (plus the TLS listener on {@code port} when tls is set). */
    List<String> serverArguments(int port) {
        List<String> args = new ArrayList<>(List.of("--user", "default", "off", "--user", ADMIN, "on",
                ">" + adminPassword, "~*", "&*", "+@all", "--user", user, "on", ">" + password));
        args.addAll(SPILLWAY_ACL);
        if (cluster) {
            args.addAll(CLUSTER_ACL);
        }
        if (tls == null) {
            args.addAll(List.of("--port", String.valueOf(port)));
        } else {
            args.addAll(List.of("--port", "0", "--tls-port", String.valueOf(port), "--tls-cert-file",
                    tls.certPem().toString(), "--tls-key-file", tls.keyPem().toString(), "--tls-auth-clients", "no"));
        }
        return args;
    }

    String scheme() {
        return tls == null ? "redis" : "rediss";
    }
}
