package io.spillway.pipeline;

/**
 * Where a job loads: the part of a registered connection the jobs need. A closed set, one record per
 * connection type; {@link #type()} is the connection's {@code type} as the API names it.
 */
public sealed interface Target permits PostgresTarget, RedisTarget, HttpTarget {
    /** postgres, redis or http. */
    String type();
}
