package io.spillway.egress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

/**
 * The PostgreSQL driver's socket factory (pgjdbc {@code socketFactory}): every socket checks the address it
 * connects to, already resolved by the driver, so the address checked is the address connected to (no DNS
 * rebinding window). The policy is found by the id given as {@code socketFactoryArg}.
 */
public final class EgressSocketFactory extends SocketFactory {
    private static final Map<String, EgressPolicy> policies = new ConcurrentHashMap<>();
    private static final Map<EgressPolicy, String> ids = new ConcurrentHashMap<>();
    private static final AtomicInteger counter = new AtomicInteger();
    private final EgressPolicy policy;

    /** Called by pgjdbc with the {@code socketFactoryArg} property. */
    public EgressSocketFactory(String policyId) {
        this.policy = policies.getOrDefault(policyId, EgressPolicy.BUILT_IN);
    }

    /** The id to pass as {@code socketFactoryArg} for {@code policy}. */
    public static String register(EgressPolicy policy) {
        return ids.computeIfAbsent(policy, p -> {
            String id = "egress-" + counter.incrementAndGet();
            policies.put(id, p);
            return id;
        });
    }

    @Override
    public Socket createSocket() {
        return new CheckedSocket(policy);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = createSocket();
        socket.connect(address);
        return socket;
    }

    private static final class CheckedSocket extends Socket {
        private final EgressPolicy policy;

        CheckedSocket(EgressPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (endpoint instanceof InetSocketAddress inet) {
                if (inet.isUnresolved()) {
                    policy.check(inet.getHostString(), inet.getPort()); // through a SOCKS proxy: by name
                } else {
                    policy.check(inet.getHostString(), inet.getAddress(), inet.getPort());
                }
            }
            super.connect(endpoint, timeout);
        }
    }
}
