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

    static RedisCluster start(Path dataDir, Path logDir) {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(RedisServer.start(dataDir.resolveSibling(dataDir.getFileName() + "-node" + i), logDir, Ports.free(), null, List.of(
                        "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "5000", "--appendonly", "no")));
            }
            for (int i = 0; i < 3; i++) {
                int from = i * SLOTS / 3;
                int to = (i + 1) * SLOTS / 3;
                List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
                IntStream.range(from, to).mapToObj(String::valueOf).forEach(command::add);
                expectOk(nodes.get(i).port(), command);
            }
            for (int i = 1; i < 3; i++) {
                expectOk(nodes.get(0).port(), List.of("CLUSTER", "MEET", "127.0.0.1", String.valueOf(nodes.get(i).port())));
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.awaitOk(Duration.ofSeconds(60));
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    /** One node's URL: a cluster client finds the others from it. */
    public String url() {
        return nodes.get(0).url();
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
                last = command(node.port(), List.of("CLUSTER", "INFO"));
                ok &= last.contains("cluster_state:ok") && last.contains("cluster_known_nodes:3");
            }
            if (ok) {
                return;
            }
            Sleeper.pause(Duration.ofMillis(200));
        }
        throw new DevstackException("the Redis cluster did not become ready in " + timeout + ": " + last);
    }

    private static void expectOk(int port, List<String> command) {
        String reply = command(port, command);
        if (!reply.equals("OK")) {
            throw new DevstackException("Redis on " + port + " refused " + command.get(0) + " " + command.get(1)
                    + ": " + reply);
        }
    }

    /** Sends one command in RESP and reads a simple, error, integer or bulk reply as text. */
    static String command(int port, List<String> args) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("*" + args.size() + "\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                        .append(arg).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String line = readLine(in);
            if (line.startsWith("$")) {
                int length = Integer.parseInt(line.substring(1));
                return length < 0 ? "" : new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
            return line.substring(1);
        } catch (IOException e) {
            throw new DevstackException("Redis on port " + port + " did not answer " + args.get(0) + ": " + e, e);
        }
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
