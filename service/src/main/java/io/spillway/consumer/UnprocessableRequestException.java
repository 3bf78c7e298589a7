package io.spillway.consumer;

import io.spillway.api.ApiException;
import org.springframework.http.HttpStatus;

/** A required request parameter is missing or malformed (the seed's 422 "Validation Error"). */
public class UnprocessableRequestException extends ApiException {
    public UnprocessableRequestException(String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, detail);
    }
}
