package io.spillway.api;

import org.springframework.http.HttpStatus;

/** A system Spillway depends on answered with an error that is not the client's fault: 502. */
public class UpstreamFailureException extends ApiException {
    public UpstreamFailureException(String detail) {
        super(HttpStatus.BAD_GATEWAY, detail);
    }
}
