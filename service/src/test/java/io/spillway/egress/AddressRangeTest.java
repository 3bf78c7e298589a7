package io.spillway.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressRangeTest {
    private static InetAddress ip(String literal) {
        return AddressRange.literal(literal);
    }

    @Test
    void ipv4BlocksMatchTheirAddressesOnly() {
        AddressRange linkLocal = AddressRange.parse("169.254.0.0/16");
        assertThat(linkLocal.contains(ip("169.254.169.254"))).isTrue();
        assertThat(linkLocal.contains(ip("169.254.0.1"))).isTrue();
        assertThat(linkLocal.contains(ip("169.255.0.1"))).isFalse();
        assertThat(linkLocal.contains(ip("10.0.0.1"))).isFalse();
        assertThat(AddressRange.parse("10.0.0.0/8").contains(ip("10.255.255.255"))).isTrue();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
        assertThat(AddressRange.parse("127.0.0.1").contains(ip("127.0.0.2"))).isFalse();
        // host bits in the entry are cleared, as a router reads it
        assertThat(AddressRange.parse("192.168.1.77/24").contains(ip("192.168.1.1"))).isTrue();
        assertThat(AddressRange.parse("172.16.0.0/12").contains(ip("172.31.255.1"))).isTrue();
        assertThat(AddressRange.parse("172.16.0.0/12").contains(ip("172.32.0.1"))).isFalse();
    }

    @Test
    void ipv6BlocksMatchTheirAddressesAndNotIpv4() {
        AddressRange linkLocal = AddressRange.parse("fe80::/10");
        assertThat(linkLocal.contains(ip("fe80::1"))).isTrue();
        assertThat(linkLocal.contains(ip("febf:ffff::1"))).isTrue();
        assertThat(linkLocal.contains(ip("fec0::1"))).isFalse();
        assertThat(linkLocal.contains(ip("169.254.1.1"))).isFalse();
        assertThat(AddressRange.parse("[fd00:ec2::254]").contains(ip("fd00:ec2:0:0:0:0:0:254"))).isTrue();
        assertThat(AddressRange.parse("::/0").contains(ip("10.0.0.1"))).isFalse();
    }

    @Test
    void ipv4MappedIpv6AddressesAreTheIpv4AddressTheyCarry() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        // built as an Inet6Address, as a socket API may hand one over
        InetAddress v6 = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertThat(v6).isInstanceOf(java.net.Inet6Address.class);
        assertThat(AddressRange.parse("169.254.0.0/16").contains(v6)).isTrue();
        assertThat(AddressRange.parse("::ffff:169.254.0.0/112").contains(ip("169.254.3.4"))).isTrue();
        assertThat(AddressRange.parse("::ffff:169.254.0.0/112")).isEqualTo(AddressRange.parse("169.254.0.0/16"));
    }

    @Test
    void namesAreNotLiteralsAndAreNeverLookedUp() {
        assertThat(AddressRange.literal("localhost")).isNull();
        assertThat(AddressRange.literal("999.1.1.1")).isNull();
        assertThat(AddressRange.literal("10.0.0")).isNull();
        assertThat(AddressRange.literal("[::1]")).isNotNull();
        assertThatThrownBy(() -> AddressRange.parse("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> AddressRange.parse("fe80::/129")).hasMessageContaining("prefix length");
    }

    @Test
    void coversTellsANarrowerBlockOfTheSameFamily() {
        AddressRange linkLocal = AddressRange.parse("169.254.0.0/16");
        assertThat(linkLocal.covers(AddressRange.parse("169.254.169.254"))).isTrue();
        assertThat(linkLocal.covers(AddressRange.parse("169.0.0.0/8"))).isFalse();
        assertThat(linkLocal.covers(AddressRange.parse("fe80::/10"))).isFalse();
    }
}
