package io.spillway.devstack;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Entry point of every child JVM: runs the real main class, and exits when the parent's pipe on stdin
 * closes. The parent may die by SIGKILL; this way its broker and Connect worker do not outlive it.
 */
public final class ChildMain {
    private static final long HALT_AFTER_MS = 20_000;
    private ChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ChildMain <main class> [args...]");
        }
        Thread watchdog = new Thread(ChildMain::exitWhenParentGoes, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Class.forName(args[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenParentGoes() {
        try {
            while (System.in.read() != -1) {
                // the parent never writes; we only wait for end-of-file
            }
        } catch (IOException ignored) {
            // a broken pipe means the same thing as end-of-file
        }
        System.err.println("[devstack] parent process is gone; shutting down");
        // A clean shutdown can hang when its peers died with the parent (Connect waiting for a broker
        // that is gone): give it a while, then halt.
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER_MS);
            } catch (InterruptedException ignored) {
                // halt now
            }
            System.err.println("[devstack] shutdown did not finish in time; halting");
            Runtime.getRuntime().halt(1);
        }, "parent-watchdog-halt");
        halter.setDaemon(true);
        halter.start();
        System.exit(0);
    }
}
