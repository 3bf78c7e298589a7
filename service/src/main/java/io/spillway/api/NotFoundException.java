package io.spillway.api;

import org.springframework.http.HttpStatus;

/** The named thing (connector, topic, connection, consumer) does not exist. */
public class NotFoundException extends ApiException {
    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, detail);
    }
}
