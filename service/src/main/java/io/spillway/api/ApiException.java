package io.spillway.api;

import org.springframework.http.HttpStatus;

/**
 * An error the client should see as a problem response. Each feature throws the subclass named for what
 * happened; the {@link ApiExceptionHandler} renders them all the same way.
 */
public abstract class ApiException extends RuntimeException {
    private final HttpStatus status;

    protected ApiException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    protected ApiException(HttpStatus status, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** The problem's title; by default the status' reason phrase. */
    public String title() {
        return status.getReasonPhrase();
    }
}
