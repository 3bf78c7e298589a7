package io.spillway.api;

import org.springframework.http.HttpStatus;

/** The client's input is wrong; the detail says which part and how to fix it. */
public class InvalidRequestException extends ApiException {
    public InvalidRequestException(String detail) {
        super(HttpStatus.BAD_REQUEST, detail);
    }
}
