package io.spillway.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One stack per test JVM, on free random ports and a fresh temporary directory, so tests can run
 * beside a developer's own {@code ./spillway up}. Started on first use, stopped when the JVM exits.
 */
public final class SharedDevstack {
    private static Devstack instance;

    private SharedDevstack() {
    }

    public static synchronized Devstack get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("spillway-test-stack");
                long started = System.nanoTime();
                instance = Devstack.start(DevstackSettings.randomPorts(dir), true);
                System.out.printf("[devstack] shared test stack up in %.1f s under %s%n",
                        (System.nanoTime() - started) / 1e9, dir);
                Devstack stack = instance;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stack.close();
                    Devstack.deleteRecursively(dir);
                }, "devstack-stop"));
            } catch (IOException e) {
                throw new DevstackException("cannot create a temporary directory for the test stack", e);
            }
        }
        return instance;
    }
}
