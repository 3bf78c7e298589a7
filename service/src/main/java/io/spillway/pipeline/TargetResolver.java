package io.spillway.pipeline;

/**
 * Finds the target of a connection id. Implemented on top of the connection store; the jobs take it in
 * their constructor so they can be tested against real targets without the connection feature.
 */
public interface TargetResolver {
    /**
     * The target of that connection. Throws an {@link io.spillway.api.ApiException} (e.g.
     * {@link io.spillway.api.NotFoundException}) when no such connection is registered.
     */
    Target resolve(String connectionId);
}
