package io.spillway.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The few Redis calls the harness makes (INFO, SCAN, HGET), over plain RESP: the harness needs no
 * client library for three commands. One connection, one thread.
 */
public final class RedisStats implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RedisStats(int port) {
        try {
            socket = new Socket("localhost", port);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new BenchException("cannot connect to Redis on port " + port + ": " + e, e);
        }
    }

    /**
     * Redis work so far: commands processed (commands run inside a Lua script count too) and read events
     * on client sockets (one per round trip; a pipeline read at once counts once). This harness's own
     * INFO call counts one of each.
     */
    record Counters(long commands, long reads) {
        Counters minus(Counters before) {
            return new Counters(commands - before.commands, reads - before.reads);
        }
    }

    synchronized Counters counters() {
        String info = (String) call("INFO", "stats");
        long commands = -1;
        long reads = -1;
        for (String line : info.split("\r\n")) {
            if (line.startsWith("total_commands_processed:")) {
                commands = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("total_reads_processed:")) {
                reads = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        if (commands < 0) {
            throw new BenchException("INFO stats has no total_commands_processed");
        }
        return new Counters(commands, reads);
    }

    /** Calls per command so far ({@code INFO commandstats}: cmdstat_evalsha:calls=12,... gives evalsha=12). */
    synchronized Map<String, Long> commandCalls() {
        return commandCalls((String) call("INFO", "commandstats"));
    }

    static Map<String, Long> commandCalls(String info) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            int start = line.indexOf("calls=");
            if (line.startsWith("cmdstat_") && colon > 0 && start > 0) {
                int end = line.indexOf(',', start);
                calls.put(line.substring("cmdstat_".length(), colon),
                        Long.parseLong(line.substring(start + "calls=".length(), end < 0 ? line.length() : end)));
            }
        }
        return calls;
    }

    /** What {@code after} adds to {@code before}, largest first, as "evalsha 640, lpush 12". */
    static String callsBetween(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The server's used memory ({@code INFO memory}: used_memory), in bytes. */
    synchronized long usedMemoryBytes() {
        String info = (String) call("INFO", "memory");
        for (String line : info.split("\r\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new BenchException("INFO memory has no used_memory");
    }

    /** Key lookups (SCAN, HGET) go to this database from now on (the counters are the server's). */
    synchronized void select(int database) {
        call("SELECT", String.valueOf(database));
    }

    /** How many keys match a glob pattern (SCAN, so Redis is not blocked). */
    synchronized long countKeys(String pattern) {
        String cursor = "0";
        long count = 0;
        do {
            List<?> reply = (List<?>) call("SCAN", cursor, "MATCH", pattern, "COUNT", "5000");
            cursor = (String) reply.get(0);
            count += ((List<?>) reply.get(1)).size();
        } while (!cursor.equals("0"));
        return count;
    }

    /** Empties every database, as an operator's mistake or a failover to an empty replica would. */
    public synchronized void flushAll() {
        call("FLUSHALL");
    }

    synchronized String hget(String key, String field) {
        return (String) call("HGET", key, field);
    }

    Object call(String... args) {
        try {
            StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                command.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        } catch (IOException e) {
            throw new BenchException("Redis call " + args[0] + " failed: " + e, e);
        }
    }

    private Object read() throws IOException {
        int type = in.read();
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new BenchException("Redis error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(length + 2);
                return new String(data, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int length = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < length; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new BenchException("unexpected Redis reply type " + (char) type);
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
