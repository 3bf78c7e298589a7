package io.spillway.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 CIDR block ({@code 10.0.0.0/8}, {@code fe80::/10}, or one address as a /32 or /128).
 * IPv4-mapped IPv6 addresses ({@code ::ffff:169.254.169.254}) are compared as the IPv4 address they
 * carry: they reach the same host.
 *
 * @param network the block's address bytes (4 or 16), host bits cleared
 * @param prefixLength how many leading bits must match
 */
public record AddressRange(byte[] network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public AddressRange {
        network = mask(network.clone(), prefixLength);
    }

    /** Parses {@code address} or {@code address/prefix}; never looks a name up. */
    public static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress parsed = literal(address);
        if (parsed == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address or CIDR block");
        }
        byte[] bytes = normalize(parsed).getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (address.contains(":") && bytes.length == 4) {
                prefix -= 96; // ::ffff:a.b.c.d/120 is a.b.c.d/24
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bits);
            }
        }
        return new AddressRange(bytes, prefix);
    }

    public static AddressRange of(InetAddress address) {
        byte[] bytes = normalize(address).getAddress();
        return new AddressRange(bytes, bytes.length * 8);
    }

    /** The address when {@code text} is an IP literal (brackets allowed), else null; no DNS look-up. */
    public static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(bare).matches() && Arrays.stream(bare.split("\\.")).allMatch(o -> Integer.parseInt(o) < 256);
        if (!v4 && !IPV6.matcher(bare).matches()) {
            return null; // a name: InetAddress.getByName would resolve it
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An IPv4-mapped IPv6 address as its IPv4 address; any other address unchanged. */
    public static InetAddress normalize(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && isMapped(bytes)) {
            try {
                return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // four bytes are always an IPv4 address
            }
        }
        return address;
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = normalize(address).getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    /** Whether every address of {@code other} is in this block. */
    public boolean covers(AddressRange other) {
        return other.network.length == network.length && other.prefixLength >= prefixLength
                && Arrays.equals(mask(other.network.clone(), prefixLength), network);
    }

    public boolean singleAddress() {
        return prefixLength == network.length * 8;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && r.prefixLength == prefixLength && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            String address = InetAddress.getByAddress(network).getHostAddress();
            return singleAddress() ? address : address + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
