package io.spillway.api;

/** The {@code limit} of the list endpoints (runs, dead letters): 1 to {@value #MAX}. */
public final class PageLimit {
    public static final int MAX = 500;

    private PageLimit() {
    }

    /** The limit when it is in range; a 400 saying the range otherwise. */
    public static int require(int limit) {
        if (limit < 1 || limit > MAX) {
            throw new InvalidRequestException("limit must be from 1 to " + MAX + " (got " + limit + ")");
        }
        return limit;
    }
}
