package io.spillway.api;

import org.springframework.http.HttpStatus;

/** A system Spillway depends on (Kafka, Kafka Connect, Redis) could not be reached: 503, naming it and where. */
public class UpstreamUnavailableException extends ApiException {
    public UpstreamUnavailableException(String system, String location, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, system + " is not reachable at " + location
                + ": check that it is running and that the service's setting points to it", cause);
    }

    /** With the reason known (a refused TLS handshake, say) and what to do about it. */
    public UpstreamUnavailableException(String system, String location, String reason, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, system + " is not reachable at " + location + ": " + reason, cause);
    }
}
