package io.spillway.api;

import org.springframework.http.HttpStatus;

/** Something with that name already exists. */
public class ConflictException extends ApiException {
    public ConflictException(String detail) {
        super(HttpStatus.CONFLICT, detail);
    }
}
