package io.spillway.topic;

import io.spillway.api.InvalidRequestException;

/**
 * The seed's retention fields: 0 (or absent) means the broker's default, -1 means unlimited, a positive
 * value is the limit. Anything else is a 400.
 */
final class Retention {
    static final long UNLIMITED = -1;

    private Retention() {
    }

    /** True when the value asks for the broker default (nothing set on the topic). */
    static boolean isBrokerDefault(Long value) {
        return value == null || value == 0;
    }

    static Long require(String field, Long value) {
        if (value != null && value < UNLIMITED) {
            throw new InvalidRequestException(field + " is " + value
                    + ": use a positive limit, -1 for unlimited, or 0 for the broker's default");
        }
        return value;
    }
}
