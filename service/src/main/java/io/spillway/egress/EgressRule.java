package io.spillway.egress;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Locale;

/**
 * One entry of the egress policy: a host name, an address block, or "this host", each optionally for one
 * port only.
 */
public sealed interface EgressRule permits EgressRule.HostName, EgressRule.Addresses, EgressRule.ThisHost {
    /** Any port. */
    int ANY_PORT = -1;

    /** The port the rule is limited to, or {@link #ANY_PORT}. */
    int port();

    /** How the rule reads in messages: the configured entry, or what a built-in rule protects. */
    String entry();

    /** True for a name as written in the connection ({@code host} already lower-case) or a resolved address. */
    boolean matches(String host, InetAddress address, int port);

    /** Whether this (allow) rule names what {@code denial} refuses at least as narrowly, so it may lift it. */
    boolean narrowerThan(EgressRule denial);

    /** Names one host, not a block or a pattern. */
    boolean singleHost();

    private static boolean portMatches(int rulePort, int port) {
        return rulePort == ANY_PORT || rulePort == port;
    }

    /** A host name as written in a connection; {@code *.example.com} matches every name below it. */
    record HostName(String name, int port, String entry) implements EgressRule {
        public HostName {
            name = normalizeName(name);
        }

        @Override
        public boolean matches(String host, InetAddress address, int port) {
            if (host == null || !portMatches(this.port, port)) {
                return false;
            }
            return name.startsWith("*.") ? host.endsWith(name.substring(1)) : host.equals(name);
        }

        @Override
        public boolean narrowerThan(EgressRule denial) {
            return singleHost();
        }

        @Override
        public boolean singleHost() {
            return !name.startsWith("*.");
        }
    }

    /** An IPv4 or IPv6 block, compared with every address the host resolves to. */
    record Addresses(AddressRange range, int port, String entry) implements EgressRule {
        @Override
        public boolean matches(String host, InetAddress address, int port) {
            return address != null && portMatches(this.port, port) && range.contains(address);
        }

        @Override
        public boolean narrowerThan(EgressRule denial) {
            if (singleHost()) {
                return true;
            }
            return denial instanceof Addresses block && block.range.covers(range);
        }

        @Override
        public boolean singleHost() {
            return range.singleAddress();
        }
    }

    /**
     * Every address that reaches this machine (loopback, the unspecified address, its interfaces' addresses):
     * a local endpoint is the same endpoint whichever of them a connection names.
     */
    record ThisHost(int port, String entry) implements EgressRule {
        @Override
        public boolean matches(String host, InetAddress address, int port) {
            return address != null && portMatches(this.port, port) && isThisHost(address);
        }

        @Override
        public boolean narrowerThan(EgressRule denial) {
            return false;
        }

        @Override
        public boolean singleHost() {
            return false;
        }
    }

    static boolean isThisHost(InetAddress address) {
        InetAddress a = AddressRange.normalize(address);
        if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    static String normalizeName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
