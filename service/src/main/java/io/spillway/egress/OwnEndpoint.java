package io.spillway.egress;

import io.lettuce.core.RedisURI;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * An endpoint of the service's own infrastructure (Kafka Connect, a Kafka bootstrap broker, Redis), which a
 * connection must not reach: whoever can call the API could otherwise drive Connect or rewrite the service's
 * state through a pipeline.
 *
 * @param what "Kafka Connect", "Kafka broker" or "Redis", and the setting it comes from
 */
record OwnEndpoint(String what, String host, int port) {
    static List<OwnEndpoint> of(String connectUrl, String kafkaBrokers, String redisUrl) {
        List<OwnEndpoint> endpoints = new ArrayList<>();
        if (connectUrl != null && !connectUrl.isBlank()) {
            URI uri = URI.create(connectUrl.trim());
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            endpoints.add(new OwnEndpoint("the service's own Kafka Connect (spillway.debezium-connector-url)",
                    uri.getHost(), port));
        }
        if (kafkaBrokers != null) {
            for (String broker : kafkaBrokers.split(",")) {
                String b = broker.trim().replaceFirst("^[A-Za-z_]+://", "");
                int colon = b.lastIndexOf(':');
                if (colon > 0) {
                    endpoints.add(new OwnEndpoint("the service's own Kafka broker (spillway.kafka-broker)",
                            b.substring(0, colon), Integer.parseInt(b.substring(colon + 1))));
                }
            }
        }
        if (redisUrl != null && !redisUrl.isBlank()) {
            RedisURI uri = RedisURI.create(redisUrl.trim());
            endpoints.add(new OwnEndpoint("the service's own Redis (spillway.redis-url)", uri.getHost(), uri.getPort()));
        }
        return endpoints;
    }

    /**
     * The rules that refuse this endpoint: its name, every address it resolves to now, and every address of
     * this machine when it is local (Connect on localhost:8083 is also 127.0.0.2:8083 and 0.0.0.0:8083).
     */
    List<EgressRule> rules() {
        List<EgressRule> rules = new ArrayList<>();
        rules.add(new EgressRule.HostName(host, port, what));
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(EgressRule.normalizeName(host));
        } catch (UnknownHostException e) {
            return rules; // the name alone; it cannot be reached by address either
        }
        boolean local = false;
        for (InetAddress address : addresses) {
            rules.add(new EgressRule.Addresses(AddressRange.of(address), port, what));
            local |= EgressRule.isThisHost(address);
        }
        if (local) {
            rules.add(new EgressRule.ThisHost(port, what));
        }
        return rules;
    }
}
