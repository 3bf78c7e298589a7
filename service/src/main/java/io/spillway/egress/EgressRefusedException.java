package io.spillway.egress;

import java.io.IOException;

/**
 * A connection's target is refused by the egress policy. An {@link IOException}, so it can stop a socket's
 * connect (the PostgreSQL driver's); a job failure with it in its chain is permanent: retrying cannot help
 * until the policy or the connection changes. The message names host, port, address and rule, never a
 * credential.
 */
public class EgressRefusedException extends IOException {
    public EgressRefusedException(String message) {
        super(message);
    }
}
