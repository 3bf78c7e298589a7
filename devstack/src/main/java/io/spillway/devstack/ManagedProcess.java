package io.spillway.devstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output goes to a log file and which is stopped politely (SIGTERM), then
 * forcibly, together with its descendants. Its stdin stays an open pipe: JVM children started through
 * {@link ChildMain} exit when it closes, so a killed parent leaves nothing behind.
 */
public final class ManagedProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ManagedProcess start(String name, List<String> command, Path workDir, Path logFile,
            Map<String, String> environment) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            return new ManagedProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new DevstackException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** A child JVM running {@code mainClass} under {@link ChildMain}'s parent watchdog. */
    public static ManagedProcess startJava(String name, String classpath, List<String> jvmOptions, String mainClass,
            List<String> args, Path workDir, Path logFile, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(ChildMain.class.getName());
        command.add(mainClass);
        command.addAll(args);
        return start(name, command, workDir, logFile, environment);
    }

    /** Runs a child JVM to completion (a one-off tool such as Kafka's storage formatter). */
    public static void runJava(String name, String classpath, String mainClass, List<String> args, Path workDir,
            Path logFile) {
        ManagedProcess tool = startJava(name, classpath, List.of("-Xmx256m"), mainClass, args, workDir, logFile,
                Map.of());
        try {
            if (!tool.process.waitFor(120, TimeUnit.SECONDS)) {
                tool.close();
                throw new DevstackException(name + " did not finish within 120 s; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tool.close();
            throw new DevstackException("interrupted while running " + name, e);
        }
        if (tool.process.exitValue() != 0) {
            throw new DevstackException(name + " failed with exit code " + tool.process.exitValue() + "; see "
                    + logFile);
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hook runs. Waits until it is gone. */
    public void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, up to 30 s for a clean shutdown, then SIGKILL; descendants included. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + logFile + ")";
    }

    static String classpathOf(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }
}
