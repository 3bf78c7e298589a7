package io.spillway.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which hosts and addresses a connection may reach. Evaluated for the name a connection gives and for every
 * address it resolves to, once per connect or send (never per record):
 * <ol>
 *   <li>an explicit allow entry that matches admits the target, except past a built-in denial that it does
 *       not name at least as narrowly (allowing {@code 0.0.0.0/0} does not re-open the metadata endpoint;
 *       allowing {@code 169.254.169.254} does);</li>
 *   <li>otherwise an explicit deny entry refuses it;</li>
 *   <li>otherwise a built-in denial refuses it (link-local, cloud metadata, the unspecified address and the
 *       service's own Kafka Connect, Kafka brokers and Redis);</li>
 *   <li>everything else is allowed: loopback and private ranges too, where the embedded stack's targets live.</li>
 * </ol>
 */
public final class EgressPolicy {
    static final String ALLOW_SETTING = "SPILLWAY_EGRESS_ALLOW (spillway.egress.allow)";
    static final String DENY_SETTING = "SPILLWAY_EGRESS_DENY (spillway.egress.deny)";
    /** The built-in denials alone: what applies to targets built outside the service's configuration (tests). */
    public static final EgressPolicy BUILT_IN = new EgressPolicy(List.of(), List.of(), List.of());

    private final List<EgressRule> allow;
    private final List<EgressRule> deny;
    private final List<EgressRule> builtIn;

    EgressPolicy(List<EgressRule> allow, List<EgressRule> deny, List<OwnEndpoint> own) {
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
        List<EgressRule> defaults = new ArrayList<>(BuiltInDenials.RULES);
        own.forEach(endpoint -> defaults.addAll(endpoint.rules()));
        this.builtIn = List.copyOf(defaults);
    }

    /** From the configured lists and the service's own endpoints; a bad entry fails the start with its reason. */
    public static EgressPolicy of(List<String> allow, List<String> deny, String connectUrl, String kafkaBrokers,
            String redisUrl) {
        return new EgressPolicy(EgressRules.parseAll(allow, ALLOW_SETTING), EgressRules.parseAll(deny, DENY_SETTING),
                OwnEndpoint.of(connectUrl, kafkaBrokers, redisUrl));
    }

    /**
     * Checks {@code host} by name, resolves it and checks every address; returns the addresses (all allowed).
     *
     * @throws UnknownHostException when the name does not resolve (not an egress matter: the connect fails)
     */
    public List<InetAddress> check(String host, int port) throws EgressRefusedException, UnknownHostException {
        String name = EgressRule.normalizeName(host);
        Optional<String> byName = refusal(name, null, port);
        if (byName.isPresent()) {
            throw new EgressRefusedException(byName.get());
        }
        InetAddress[] addresses = InetAddress.getAllByName(name);
        for (InetAddress address : addresses) {
            check(name, address, port);
        }
        return List.of(addresses);
    }

    /** Checks one resolved address the connection is about to use. */
    public void check(String host, InetAddress address, int port) throws EgressRefusedException {
        Optional<String> refused = refusal(host, address, port);
        if (refused.isPresent()) {
            throw new EgressRefusedException(refused.get());
        }
    }

    /** Checks each endpoint; a name that does not resolve is checked by name only. */
    public void checkAll(List<Endpoint> endpoints) throws EgressRefusedException {
        for (Endpoint endpoint : endpoints) {
            try {
                check(endpoint.host(), endpoint.port());
            } catch (UnknownHostException e) {
                // nothing to reach at that name today; checked again at every connect
            }
        }
    }

    Optional<String> refusal(String rawHost, InetAddress address, int port) {
        String host = rawHost == null ? null : EgressRule.normalizeName(rawHost);
        List<EgressRule> allowing = allow.stream().filter(r -> r.matches(host, address, port)).toList();
        List<EgressRule> denying = builtIn.stream().filter(r -> r.matches(host, address, port)).toList();
        if (!allowing.isEmpty()) {
            return denying.stream().filter(d -> allowing.stream().noneMatch(a -> a.narrowerThan(d))).findFirst()
                    .map(d -> describe(host, address, port, d) + ". The allow entry '" + allowing.get(0).entry()
                            + "' is broader than this built-in denial: to lift it, add \"" + hint(host, address, port, d)
                            + "\" itself to " + ALLOW_SETTING);
        }
        Optional<EgressRule> denied = deny.stream().filter(r -> r.matches(host, address, port)).findFirst();
        if (denied.isPresent()) {
            return Optional.of(target(host, address, port) + " is refused by the egress policy: it matches '"
                    + denied.get().entry() + "' in " + DENY_SETTING + ". Remove that entry, or add \""
                    + hint(host, address, port, denied.get()) + "\" to " + ALLOW_SETTING);
        }
        return denying.stream().findFirst().map(d -> describe(host, address, port, d) + ". If this target is"
                + " intended, add \"" + hint(host, address, port, d) + "\" to " + ALLOW_SETTING);
    }

    private static String describe(String host, InetAddress address, int port, EgressRule rule) {
        return target(host, address, port) + " is refused by the egress policy: it is " + rule.entry();
    }

    private static String target(String host, InetAddress address, int port) {
        String shown = host != null ? host : address.getHostAddress();
        String resolved = address == null || address.getHostAddress().equals(host) ? ""
                : " (" + address.getHostAddress() + ")";
        return (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port + resolved;
    }

    /** The narrowest allow entry that lifts the denial: the host (with the port for a port-bound rule). */
    private static String hint(String host, InetAddress address, int port, EgressRule rule) {
        String shown = host != null ? host : address.getHostAddress();
        if (rule.port() == EgressRule.ANY_PORT) {
            return shown;
        }
        return (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port;
    }

    /** The rules in force, for the start-up log line. */
    public String summary() {
        return "allow " + allow.stream().map(EgressRule::entry).toList() + ", deny "
                + deny.stream().map(EgressRule::entry).toList() + ", built-in denials " + builtIn.size()
                + " rules (link-local, cloud metadata, the service's own Connect, Kafka and Redis)";
    }
}
