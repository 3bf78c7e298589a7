package io.spillway.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./spillway up}'s promise, with the devstack in a separate process as a user runs it:
 * SIGTERM stops every process it started and frees every port; after a SIGKILL, the next start
 * stops what the killed run left behind.
 */
class SpillwayUpIT {
    private Path dataDir;
    private DevstackSettings settings;

    @BeforeEach
    void setUp() throws IOException {
        dataDir = Files.createTempDirectory("spillway-up-it");
        settings = DevstackSettings.randomPorts(dataDir);
    }

    @AfterEach
    void tearDown() {
        Devstack.deleteRecursively(dataDir);
    }

    @Test
    void aSecondUpOnTheSameDataDirRefusesWithOneLineAndSigtermThenStopsEverythingWithoutAStackTrace()
            throws Exception {
        Process up = startUp();
        StringBuffer printed = new StringBuffer();
        List<Long> pids = awaitUp(up, printed);
        assertThat(pids).hasSizeGreaterThanOrEqualTo(4);

        Process second = startUp();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second up gave up").isTrue();
        assertThat(second.exitValue()).isNotZero();
        List<String> refusal = new String(second.getInputStream().readAllBytes()).lines().toList();
        assertThat(refusal).singleElement().asString().startsWith("spillway: ").contains(dataDir.toString())
                .contains("in use by another stack");
        assertThat(pids).as("the first stack is untouched").allSatisfy(pid -> assertThat(isAlive(pid)).isTrue());

        // SIGTERM, as Ctrl-C or a service manager sends (through the handle: Process.destroy also closes
        // the pipes, and what the stop prints would be lost)
        up.toHandle().destroy();
        assertThat(up.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(pids).allSatisfy(pid -> assertThat(isAlive(pid)).as("process %d", pid).isFalse());
        assertThat(ports()).allSatisfy(port -> assertThat(Ports.isListening(port)).as("port %d", port).isFalse());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(printed.toString())
                .contains("nothing left running"));
        assertThat(printed.toString()).as("a normal stop prints no stack trace")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aStartAfterASigkillStopsWhatTheKilledRunLeftBehind() throws Exception {
        Process first = startUp();
        List<Long> pids = awaitUp(first);
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);

        Process second = startUp();
        try {
            List<Long> secondPids = awaitUp(second);
            assertThat(pids).allSatisfy(pid -> assertThat(isAlive(pid)).as("process %d of the killed run", pid)
                    .isFalse());
            assertThat(secondPids).doesNotContainAnyElementsOf(pids);
        } finally {
            second.destroy();
            second.waitFor(120, TimeUnit.SECONDS);
        }
    }

    private Process startUp() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ManagedProcess.javaExecutable(), "-cp",
                DevstackBuild.childClasspath(), DevstackMain.class.getName(), "up")
                .redirectErrorStream(true);
        builder.environment().putAll(java.util.Map.of(
                DevstackSettings.DATA_DIR, dataDir.toString(),
                DevstackSettings.POSTGRES_PORT, String.valueOf(settings.postgresPort()),
                DevstackSettings.KAFKA_PORT, String.valueOf(settings.kafkaPort()),
                DevstackSettings.KAFKA_CONTROLLER_PORT, String.valueOf(settings.kafkaControllerPort()),
                DevstackSettings.CONNECT_PORT, String.valueOf(settings.connectPort()),
                DevstackSettings.REDIS_PORT, String.valueOf(settings.redisPort()),
                DevstackSettings.API_PORT, String.valueOf(settings.apiPort())));
        return builder.start();
    }

    private List<Long> awaitUp(Process up) throws Exception {
        return awaitUp(up, new StringBuffer());
    }

    /** Waits for the "is up" line, then returns the pids the run recorded; all it prints goes to {@code printed}. */
    private List<Long> awaitUp(Process up, StringBuffer printed) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(up.getInputStream()));
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    printed.append(line).append('\n');
                    if (line.contains("Spillway is up")) {
                        // keep draining so the child never blocks on a full pipe
                        Thread drain = new Thread(() -> drain(out, printed));
                        drain.setDaemon(true);
                        drain.start();
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(ready.get(180, TimeUnit.SECONDS)).as("the stack came up; it printed:%n%s", printed).isTrue();
        Path pidFile = dataDir.resolve("devstack.pids");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pidFile));
        return Files.readAllLines(pidFile).stream().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
    }

    private static void drain(BufferedReader out, StringBuffer printed) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                printed.append(line).append('\n');
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private List<Integer> ports() {
        return List.of(settings.postgresPort(), settings.kafkaPort(), settings.kafkaControllerPort(),
                settings.connectPort(), settings.redisPort());
    }
}
