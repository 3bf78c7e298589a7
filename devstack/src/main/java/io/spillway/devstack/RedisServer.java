package io.spillway.devstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import redis.embedded.core.ExecutableProvider;

/** A real Redis: {@code redis-server} from PATH when there is one, else the binary a Maven artifact ships. */
public final class RedisServer implements AutoCloseable {
    private final ManagedProcess process;
    private final int port;
    private final String binary;
    private final Path dataDir;
    private final Path logDir;

    private RedisServer(ManagedProcess process, int port, String binary, Path dataDir, Path logDir) {
        this.process = process;
        this.port = port;
        this.binary = binary;
        this.dataDir = dataDir;
        this.logDir = logDir;
    }

    public static RedisServer start(Path dataDir, Path logDir, int port) {
        String binary = findBinary();
        // Append-only file so the run history and definitions survive a restart of the devstack.
        List<String> command = List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dataDir.toString(), "--appendonly", "yes", "--save", "", "--protected-mode", "no");
        ManagedProcess process = ManagedProcess.start("redis", command, dataDir, logDir.resolve("redis.log"),
                Map.of());
        Ports.awaitListening(port, Duration.ofSeconds(30), "Redis", process);
        return new RedisServer(process, port, binary, dataDir, logDir);
    }

    private static String findBinary() {
        try {
            return ExecutableProvider.newExecutableInPath("redis-server").get().getAbsolutePath();
        } catch (IOException notOnPath) {
            try {
                File file = ExecutableProvider.newJarResourceProvider().get();
                if (!file.canExecute() && !file.setExecutable(true)) {
                    throw new DevstackException("cannot make " + file + " executable");
                }
                return file.getAbsolutePath();
            } catch (IOException e) {
                throw new DevstackException("no redis-server on PATH and the bundled one could not be unpacked: "
                        + e.getMessage(), e);
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String binary() {
        return binary;
    }

    public String url() {
        return "redis://localhost:" + port;
    }

    /** Stops this server (SIGTERM: the append-only file is kept) and starts the same one on the same port. */
    public RedisServer restart() {
        close();
        return start(dataDir, logDir, port);
    }

    @Override
    public void close() {
        process.close();
    }
}
