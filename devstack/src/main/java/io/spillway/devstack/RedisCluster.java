package io.spillway.devstack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A Redis Cluster of three masters (no replicas) on free ports, each a {@link RedisServer} with
 * {@code --cluster-enabled yes}. Formed without redis-cli: each node is given a third of the 16,384
 * slots (CLUSTER ADDSLOTS), the first meets the others (CLUSTER MEET), then every node must report
 * {@code cluster_state:ok}.
 */
public final class RedisCluster implements AutoCloseable {
    static final int SLOTS = 16_384;
    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    /** @param security ACL users on every node (the test's own commands run as admin), or null */
    static RedisCluster start(Path dataDir, Path logDir, RedisSecurity security) {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(RedisServer.start(dataDir.resolveSibling(dataDir.getFileName() + "-node" + i), logDir,
                        Ports.free(), security == null ? null : security.forCluster(), List.of(
                        "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "5000", "--appendonly", "no")));
            }
            for (int i = 0; i < 3; i++) {
                int from = i * SLOTS / 3;
                int to = (i + 1) * SLOTS / 3;
                List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
                IntStream.range(from, to).mapToObj(String::valueOf).forEach(command::add);
                expectOk(nodes.get(i), command);
            }
            for (int i = 1; i < 3; i++) {
                expectOk(nodes.get(0), List.of("CLUSTER", "MEET", "127.0.0.1", String.valueOf(nodes.get(i).port())));
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.awaitOk(Duration.ofSeconds(60));
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    /** One node's URL (with the service's ACL user on a secured cluster): a cluster client finds the others. */
    public String url() {
        return nodes.get(0).url();
    }

    /** The same with every right, for a test's own checks. */
    public String adminUrl() {
        return nodes.get(0).adminUrl();
    }

    public List<RedisServer> nodes() {
        return nodes;
    }

    private void awaitOk(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            boolean ok = true;
            for (RedisServer node : nodes) {
                last = command(node, List.of("CLUSTER", "INFO"));
                ok &= last.contains("cluster_state:ok") && last.contains("cluster_known_nodes:3");
            }
            if (ok) {
                return;
            }
            Sleeper.pause(Duration.ofMillis(200));
        }
        throw new DevstackException("the Redis cluster did not become ready in " + timeout + ": " + last);
    }

    private static void expectOk(RedisServer node, List<String> command) {
        String reply = command(node, command);
        if (!reply.equals("OK")) {
            throw new DevstackException("Redis on " + node.port() + " refused " + command.get(0) + " " + command.get(1)
                    + ": " + reply);
        }
    }

    /**
     * Sends one command in RESP (after AUTH as admin on a secured node) and reads a simple, error, integer
     * or bulk reply as text.
     */
    static String command(RedisServer node, List<String> args) {
        int port = node.port();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (node.security() != null) {
                String auth = send(out, in, List.of("AUTH", RedisSecurity.ADMIN, node.security().adminPassword()));
                if (!auth.equals("OK")) {
                    throw new DevstackException("Redis on port " + port + " refused the admin user: " + auth);
                }
            }
            return send(out, in, args);
        } catch (IOException e) {
            throw new DevstackException("Redis on port " + port + " did not answer " + args.get(0) + ": " + e, e);
        }
    }

    private static String send(OutputStream out, InputStream in, List<String> args) throws IOException {
        StringBuilder request = new StringBuilder("*" + args.size() + "\r\n");
        for (String arg : args) {
            request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                    .append(arg).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        String line = readLine(in);
        if (line.startsWith("$")) {
            int length = Integer.parseInt(line.substring(1));
            String value = length < 0 ? "" : new String(in.readNBytes(length), StandardCharsets.UTF_8);
            readLine(in);
            return value;
        }
        return line.substring(1);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
