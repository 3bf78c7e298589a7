package io.spillway.egress;

import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.SocketAddressResolver;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Lettuce's resolver for target Redis clients: resolves the host, checks every address and hands Netty the
 * first one already resolved, so Netty connects to the address that was checked (no second look-up).
 */
public final class EgressSocketAddressResolver extends SocketAddressResolver {
    private final EgressPolicy policy;

    public EgressSocketAddressResolver(EgressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public SocketAddress resolve(RedisURI uri) {
        if (uri.getSocket() != null) {
            return super.resolve(uri);
        }
        try {
            List<InetAddress> addresses = policy.check(uri.getHost(), uri.getPort());
            return new InetSocketAddress(addresses.get(0), uri.getPort());
        } catch (EgressRefusedException | UnknownHostException e) {
            // resolve() may not throw a checked exception; never an unresolved address Netty would look up again
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
