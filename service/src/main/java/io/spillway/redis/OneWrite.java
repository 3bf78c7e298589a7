package io.spillway.redis;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Synchronous commands whose first command leaves in one write with commands sent before it (Lettuce's
 * pipelining: auto-flush off, the commands queued, one flush), so Redis reads them at once: one round trip.
 * Later commands are the connection's ordinary synchronous ones. Other threads' commands queued in the
 * meantime go out with the same flush.
 */
final class OneWrite {
    private static final long TIMEOUT_SECONDS = 60; // the connection's TimeoutOptions fail a command first

    private OneWrite() {
    }

    @SuppressWarnings("unchecked")
    static RedisClusterCommands<String, String> commands(StatefulConnection<String, String> connection,
            RedisClusterCommands<String, String> sync, RedisClusterAsyncCommands<String, String> async,
            Consumer<RedisClusterAsyncCommands<String, String>> before) {
        boolean[] sent = {false};
        return (RedisClusterCommands<String, String>) Proxy.newProxyInstance(OneWrite.class.getClassLoader(),
                new Class<?>[] {RedisClusterCommands.class}, (proxy, method, args) -> {
                    if (sent[0] || method.getDeclaringClass() == Object.class) {
                        return invoke(method, sync, args);
                    }
                    sent[0] = true;
                    Method same = async.getClass().getMethod(method.getName(), method.getParameterTypes());
                    RedisFuture<?> reply;
                    connection.setAutoFlushCommands(false);
                    try {
                        before.accept(async);
                        reply = (RedisFuture<?>) invoke(same, async, args);
                    } finally {
                        connection.setAutoFlushCommands(true);
                        connection.flushCommands(); // also what other threads queued meanwhile
                    }
                    return LettuceFutures.awaitOrCancel(reply, TIMEOUT_SECONDS, TimeUnit.SECONDS);
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
