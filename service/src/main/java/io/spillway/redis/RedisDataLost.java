package io.spillway.redis;

/**
 * Published (synchronously) when Redis is found to have lost its data, so that each feature writes back
 * the definitions this instance still knows before the consumers' own are restored.
 */
public record RedisDataLost() {
}
