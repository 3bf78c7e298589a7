package io.spillway.egress;

import java.util.List;

/** What the policy refuses without being told: addresses no pipeline target should ever need. */
final class BuiltInDenials {
    static final List<EgressRule> RULES = List.of(
            range("169.254.169.254", "the cloud metadata endpoint 169.254.169.254 (AWS, GCP, Azure, ...)"),
            range("fd00:ec2::254", "the AWS metadata endpoint fd00:ec2::254"),
            range("100.100.100.200", "the Alibaba Cloud metadata endpoint 100.100.100.200"),
            new EgressRule.HostName("metadata.google.internal", EgressRule.ANY_PORT,
                    "the GCP metadata endpoint metadata.google.internal"),
            range("169.254.0.0/16", "a link-local address (169.254.0.0/16)"),
            range("fe80::/10", "a link-local address (fe80::/10)"),
            range("0.0.0.0/8", "the unspecified address 0.0.0.0/8 (a connect to it reaches this host)"),
            range("::/128", "the unspecified address :: (a connect to it reaches this host)"));

    private BuiltInDenials() {
    }

    private static EgressRule range(String block, String what) {
        return new EgressRule.Addresses(AddressRange.parse(block), EgressRule.ANY_PORT, what);
    }
}
