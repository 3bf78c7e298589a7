package io.spillway.devstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    private final RedisSecurity security;

    private RedisServer(ManagedProcess process, int port, String binary, Path dataDir, Path logDir,
            RedisSecurity security) {
        this.process = process;
        this.port = port;
        this.binary = binary;
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.security = security;
    }

    public static RedisServer start(Path dataDir, Path logDir, int port) {
        return start(dataDir, logDir, port, null);
    }

    /** A Redis with ACL users (and TLS when {@code security} has a certificate); null: open, plain TCP. */
    public static RedisServer start(Path dataDir, Path logDir, int port, RedisSecurity security) {
        return start(dataDir, logDir, port, security, List.of());
    }

    /** As above, with more redis-server arguments (a cluster node's, say). */
    static RedisServer start(Path dataDir, Path logDir, int port, RedisSecurity security, List<String> more) {
        String binary = findBinary();
        // Append-only file so the run history and definitions survive a restart of the devstack.
        List<String> command = new ArrayList<>(List.of(binary, "--bind", "127.0.0.1",
                "--dir", dataDir.toString(), "--appendonly", "yes", "--save", "", "--protected-mode", "no"));
        if (security == null) {
            command.addAll(List.of("--port", String.valueOf(port)));
        } else {
            command.addAll(security.serverArguments(port));
        }
        command.addAll(more);
        String name = dataDir.getFileName().toString();
        ManagedProcess process = ManagedProcess.start(name, command, dataDir, logDir.resolve(name + ".log"), Map.of());
        Ports.awaitListening(port, Duration.ofSeconds(30), "Redis", process);
        return new RedisServer(process, port, binary, dataDir, logDir, security);
    }

    private static String binaryFound;

    /**
     * Found (or unpacked) once per JVM: unpacking again for each server, while another thread forks, can leave
     * the new file open for writing in the child and make exec fail with "Text file busy".
     */
    private static synchronized String findBinary() {
        if (binaryFound == null) {
            binaryFound = locateBinary();
        }
        return binaryFound;
    }

    private static String locateBinary() {
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

    /** The URL the service uses: with the ACL user's credentials (and rediss://) on a secured server. */
    public String url() {
        if (security == null) {
            return "redis://localhost:" + port;
        }
        return security.scheme() + "://" + security.user() + ":" + security.password() + "@localhost:" + port;
    }

    /** A URL with every right, for a test's own checks (the same as {@link #url()} on an open server). */
    public String adminUrl() {
        if (security == null) {
            return url();
        }
        return security.scheme() + "://" + RedisSecurity.ADMIN + ":" + security.adminPassword() + "@localhost:" + port;
    }

    public RedisSecurity security() {
        return security;
    }

    /** Stops this server (SIGTERM: the append-only file is kept) and starts the same one on the same port. */
    public RedisServer restart() {
        close();
        return start(dataDir, logDir, port, security);
    }

    @Override
    public void close() {
        process.close();
    }
}
