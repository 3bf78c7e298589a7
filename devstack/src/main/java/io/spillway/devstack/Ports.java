package io.spillway.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Port checks: free, taken, and waiting for a server to listen. */
public final class Ports {
    private Ports() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DevstackException("no free TCP port on the loopback interface", e);
        }
    }

    public static void requireFree(int port, String setting) {
        if (isListening(port)) {
            throw new DevstackException("port " + port + " is already in use: stop what uses it, or set "
                    + setting + " to a free port");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new DevstackException("port " + port + " cannot be bound (" + e.getMessage() + "): set "
                    + setting + " to a free port");
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls until the port accepts connections, or the deadline passes. */
    public static void awaitListening(int port, Duration timeout, String what, ManagedProcess process) {
        Instant deadline = Instant.now().plus(timeout);
        while (!isListening(port)) {
            if (process != null && !process.isAlive()) {
                throw new DevstackException(what + " exited during start-up; see " + process.logFile());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DevstackException(what + " did not listen on port " + port + " within "
                        + timeout.toSeconds() + " s" + (process == null ? "" : "; see " + process.logFile()));
            }
            Sleeper.pause(Duration.ofMillis(100));
        }
    }
}
