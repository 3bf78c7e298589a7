package io.spillway.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Remembers the stack's process ids in its data directory, so that a start after a SIGKILLed run stops
 * whatever that run left behind (Redis and PostgreSQL do not watch their parent as the JVMs do).
 */
final class LeftoverProcesses {
    private static final String FILE = "devstack.pids";

    private LeftoverProcesses() {
    }

    static void record(Path dataDir, List<Long> pids) {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve(FILE),
                    pids.stream().map(String::valueOf).collect(Collectors.joining("\n")) + "\n");
        } catch (IOException e) {
            throw new DevstackException("cannot write " + dataDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    static void forget(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException ignored) {
            // only a hint for the next start
        }
    }

    /** Stops the processes a previous, killed run left behind; only those that are still ours. */
    static void reap(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(line.trim()));
                process.filter(ProcessHandle::isAlive).filter(LeftoverProcesses::isStackProcess).ifPresent(p -> {
                    System.out.println("spillway: stopping process " + p.pid() + " left by a previous run");
                    p.destroy();
                    p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                            .exceptionally(e -> {
                                p.destroyForcibly();
                                return p;
                            }).join();
                });
            }
            Files.delete(file);
        } catch (IOException | NumberFormatException e) {
            throw new DevstackException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isStackProcess(ProcessHandle process) {
        String command = process.info().command().orElse("");
        return command.contains("postgres") || command.contains("redis") || command.endsWith("java");
    }

    /** The PostgreSQL postmaster's pid, from the first line of postmaster.pid. */
    static Optional<Long> postmasterPid(Path postgresDataDir) {
        try {
            List<String> lines = Files.readAllLines(postgresDataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
