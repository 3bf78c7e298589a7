package io.spillway.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EgressPolicyTest {
    private static final String CONNECT = "http://localhost:8083/connectors";
    private static final EgressPolicy DEFAULTS = EgressPolicy.of(List.of(), List.of(), CONNECT,
            "localhost:9092,PLAINTEXT://kafka-2.internal:9093", "redis://:pw@localhost:6379/0");

    private static InetAddress ip(String literal) {
        return AddressRange.literal(literal);
    }

    private static Optional<String> refusal(EgressPolicy policy, String host, String address, int port) {
        return policy.refusal(host, address == null ? null : ip(address), port);
    }

    @Test
    void linkLocalAndMetadataAreRefusedByDefaultOnEveryPort() {
        assertThat(refusal(DEFAULTS, null, "169.254.169.254", 80)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("169.254.169.254:80", "cloud metadata", "SPILLWAY_EGRESS_ALLOW"));
        assertThat(refusal(DEFAULTS, null, "169.254.10.1", 443)).hasValueSatisfying(r -> assertThat(r)
                .contains("link-local"));
        assertThat(refusal(DEFAULTS, null, "fe80::1", 80)).isPresent();
        assertThat(refusal(DEFAULTS, null, "fd00:ec2::254", 80)).hasValueSatisfying(r -> assertThat(r)
                .contains("AWS metadata"));
        assertThat(refusal(DEFAULTS, null, "::ffff:169.254.169.254", 80)).isPresent();
        assertThat(refusal(DEFAULTS, null, "0.0.0.0", 5432)).isPresent();
        assertThat(refusal(DEFAULTS, "metadata.google.internal.", null, 80)).hasValueSatisfying(r -> assertThat(r)
                .contains("GCP metadata"));
    }

    @Test
    void loopbackPrivateAndPublicAddressesStayAllowed() {
        assertThat(refusal(DEFAULTS, "localhost", "127.0.0.1", 5432)).isEmpty();
        assertThat(refusal(DEFAULTS, null, "::1", 8080)).isEmpty();
        assertThat(refusal(DEFAULTS, null, "10.1.2.3", 5432)).isEmpty();
        assertThat(refusal(DEFAULTS, null, "192.168.0.10", 443)).isEmpty();
        assertThat(refusal(DEFAULTS, "example.com", "93.184.216.34", 443)).isEmpty();
    }

    @Test
    void theServicesOwnEndpointsAreRefusedOnTheirPortByNameAndByEveryLocalAddress() {
        assertThat(refusal(DEFAULTS, "localhost", "127.0.0.1", 8083)).hasValueSatisfying(r -> assertThat(r)
                .contains("Kafka Connect", "spillway.debezium-connector-url", "\"localhost:8083\""));
        assertThat(refusal(DEFAULTS, null, "127.0.0.1", 9092)).hasValueSatisfying(r -> assertThat(r)
                .contains("Kafka broker"));
        assertThat(refusal(DEFAULTS, null, "::1", 6379)).hasValueSatisfying(r -> assertThat(r)
                .contains("own Redis").doesNotContain("pw"));
        // another loopback address and the unspecified address reach the same local server
        assertThat(refusal(DEFAULTS, null, "127.0.0.2", 8083)).isPresent();
        assertThat(refusal(DEFAULTS, "LOCALHOST.", null, 6379)).isPresent();
        // a broker that does not resolve is still refused by its name
        assertThat(refusal(DEFAULTS, "kafka-2.internal", null, 9093)).hasValueSatisfying(r -> assertThat(r)
                .contains("Kafka broker"));
        // the same hosts on other ports are other services
        assertThat(refusal(DEFAULTS, "localhost", "127.0.0.1", 8084)).isEmpty();
        assertThat(refusal(DEFAULTS, "kafka-2.internal", null, 9092)).isEmpty();
    }

    @Test
    void denyEntriesRefuseHostsBlocksAndPorts() {
        EgressPolicy policy = EgressPolicy.of(List.of(), List.of("10.0.0.0/8", "127.0.0.1:15432", "*.corp.example",
                "[fd00::/8]:5432", "db.example.com"), null, null, null);
        assertThat(refusal(policy, null, "10.9.9.9", 5432)).hasValueSatisfying(r -> assertThat(r)
                .contains("'10.0.0.0/8' in SPILLWAY_EGRESS_DENY", "Remove that entry"));
        assertThat(refusal(policy, "localhost", "127.0.0.1", 15432)).isPresent();
        assertThat(refusal(policy, "localhost", "127.0.0.1", 5432)).isEmpty();
        assertThat(refusal(policy, "pg.corp.example", null, 5432)).isPresent();
        assertThat(refusal(policy, "corp.example", null, 5432)).isEmpty();
        assertThat(refusal(policy, null, "fd12::1", 5432)).isPresent();
        assertThat(refusal(policy, null, "fd12::1", 6379)).isEmpty();
        assertThat(refusal(policy, "DB.example.com", null, 1)).isPresent();
    }

    @Test
    void anAllowEntryWinsOverADenyEntry() {
        EgressPolicy allowListOnly = EgressPolicy.of(List.of("warehouse.internal", "10.1.0.0/16"),
                List.of("0.0.0.0/0", "::/0"), null, null, null);
        assertThat(refusal(allowListOnly, "warehouse.internal", "10.200.0.1", 5432)).isEmpty();
        assertThat(refusal(allowListOnly, null, "10.1.2.3", 443)).isEmpty();
        assertThat(refusal(allowListOnly, null, "10.2.0.1", 443)).isPresent();
        assertThat(refusal(allowListOnly, null, "2001:db8::1", 443)).isPresent();
    }

    @Test
    void anAllowEntryLiftsABuiltInDenialOnlyWhenItNamesItAsNarrowly() {
        EgressPolicy broad = EgressPolicy.of(List.of("0.0.0.0/0", "127.0.0.0/8", "169.254.0.0/16"), List.of(),
                CONNECT, null, null);
        assertThat(refusal(broad, null, "169.254.169.254", 80)).hasValueSatisfying(r -> assertThat(r)
                .contains("broader than this built-in denial", "add \"169.254.169.254\""));
        assertThat(refusal(broad, null, "169.254.1.1", 80)).isEmpty(); // the link-local block itself was named
        assertThat(refusal(broad, "localhost", "127.0.0.1", 8083)).isPresent();

        EgressPolicy narrow = EgressPolicy.of(List.of("169.254.169.254", "localhost:8083"), List.of(), CONNECT,
                null, null);
        assertThat(refusal(narrow, null, "169.254.169.254", 80)).isEmpty();
        assertThat(refusal(narrow, "localhost", "127.0.0.1", 8083)).isEmpty();
        assertThat(refusal(narrow, "localhost", "::1", 8083)).isEmpty();
        // the allow entry is for that name: another name of the same server stays refused
        assertThat(refusal(narrow, null, "127.0.0.1", 8083)).isPresent();
    }

    @Test
    void checkResolvesTheNameAndRefusesWhatItResolvesTo() throws Exception {
        EgressPolicy policy = EgressPolicy.of(List.of(), List.of("127.0.0.1:7"), null, null, null);
        assertThatThrownBy(() -> policy.check("localhost", 7)).isInstanceOf(EgressRefusedException.class)
                .hasMessageContaining("localhost:7 (127.0.0.1)");
        assertThat(policy.check("localhost", 8)).isNotEmpty();
        assertThatThrownBy(() -> DEFAULTS.check("169.254.169.254", 80)).isInstanceOf(EgressRefusedException.class);
        assertThatThrownBy(() -> DEFAULTS.check("[fe80::1]", 80)).isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void badEntriesFailWithTheSettingAndTheEntry() {
        assertThatThrownBy(() -> EgressPolicy.of(List.of("10.0.0.0/40"), List.of(), null, null, null))
                .hasMessageContaining("SPILLWAY_EGRESS_ALLOW", "10.0.0.0/40");
        assertThatThrownBy(() -> EgressPolicy.of(List.of(), List.of("host:99999"), null, null, null))
                .hasMessageContaining("SPILLWAY_EGRESS_DENY", "port outside");
        assertThatThrownBy(() -> EgressPolicy.of(List.of(), List.of("a b"), null, null, null))
                .hasMessageContaining("neither a host name");
    }

    @Test
    void endpointsAreParsedAsTheirClientsParseThem() {
        assertThat(Endpoints.ofHttpUrl("https://user:pw@Example.com/x")).isEqualTo(new Endpoint("Example.com", 443));
        assertThat(Endpoints.ofHttpUrl("http://[::1]:8083/")).isEqualTo(new Endpoint("[::1]", 8083));
        assertThat(Endpoints.ofRedisUrl("redis://:pw@cache:6380/2")).isEqualTo(new Endpoint("cache", 6380));
        assertThat(Endpoints.ofJdbcUrl("jdbc:postgresql://a:5433,b/db?user=x"))
                .containsExactly(new Endpoint("a", 5433), new Endpoint("b", 5432));
    }
}
