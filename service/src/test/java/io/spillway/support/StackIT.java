package io.spillway.support;

import io.spillway.devstack.Devstack;
import io.spillway.devstack.SharedDevstack;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every integration test: the service on a random port, wired to the one real devstack of
 * this test JVM. All subclasses share one Spring context (same configuration), so it starts once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class StackIT {
    protected static final Devstack stack = SharedDevstack.get();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void stackProperties(DynamicPropertyRegistry registry) {
        registry.add("spillway.kafka-broker", () -> stack.kafka().bootstrapServers());
        registry.add("spillway.debezium-connector-url", () -> stack.connect().url() + "/connectors");
        // The stack's Redis, unless a test class sets spillway.it.redis-url (its own dynamic property: a
        // subclass cannot replace a value registered here, Spring applies the superclass's last).
        registry.add("spillway.redis-url", () -> "${spillway.it.redis-url:" + stack.redis().url() + "}");
    }

    protected Api api() {
        return new Api("http://localhost:" + port);
    }
}
