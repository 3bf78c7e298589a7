package io.spillway.devstack;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Entry point of every child JVM: runs the real main class, and exits when the parent's pipe on stdin
 * closes. The parent may die by SIGKILL; this way its broker and Connect worker do not outlive it.
 */
public final class ChildMain {
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
        System.exit(0);
    }
}
