package io.spillway.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes a passed run's data directory (a failed run keeps it for its logs). */
final class Cleanup {
    private Cleanup() {
    }

    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            ReliabilityRun.say("could not delete %s: %s", dir, e.getMessage());
        }
    }
}
