package io.spillway.egress;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the entries of {@code spillway.egress.allow} and {@code spillway.egress.deny}: a host name
 * ({@code db.example.com}, {@code *.example.com}), an address or CIDR block ({@code 10.0.0.0/8},
 * {@code fd00::/8}), each optionally with {@code :port}; an IPv6 entry with a port is bracketed
 * ({@code [::1]:6379}, {@code [fd00::/8]:5432}).
 */
public final class EgressRules {
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]+)](?::(\\d+))?");
    private static final Pattern WITH_PORT = Pattern.compile("([^:]+):(\\d+)");
    private static final Pattern NAME = Pattern.compile("(\\*\\.)?[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?\\.?");

    private EgressRules() {
    }

    public static List<EgressRule> parseAll(List<String> entries, String setting) {
        return entries.stream().map(String::trim).filter(e -> !e.isEmpty()).map(e -> parse(e, setting)).toList();
    }

    public static EgressRule parse(String entry, String setting) {
        String target = entry;
        int port = EgressRule.ANY_PORT;
        Matcher bracketed = BRACKETED.matcher(entry);
        Matcher withPort = WITH_PORT.matcher(entry);
        if (bracketed.matches()) {
            target = bracketed.group(1);
            port = bracketed.group(2) == null ? EgressRule.ANY_PORT : port(bracketed.group(2), entry, setting);
        } else if (withPort.matches()) {
            target = withPort.group(1);
            port = port(withPort.group(2), entry, setting);
        }
        try {
            if (target.contains("/") || AddressRange.literal(target) != null) {
                return new EgressRule.Addresses(AddressRange.parse(target), port, entry);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " entry '" + entry + "': " + e.getMessage());
        }
        if (!NAME.matcher(target).matches()) {
            throw new IllegalArgumentException(setting + " entry '" + entry + "' is neither a host name, an address"
                    + " nor a CIDR block (IPv6 with a port goes in brackets: [fd00::/8]:5432)");
        }
        return new EgressRule.HostName(target, port, entry);
    }

    private static int port(String text, String entry, String setting) {
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(setting + " entry '" + entry + "' has a port outside 1..65535");
        }
        return port;
    }
}
