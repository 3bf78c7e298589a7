package io.spillway.bench;

import io.spillway.devstack.Devstack;
import io.spillway.devstack.DevstackSettings;
import io.spillway.devstack.ManagedProcess;
import io.spillway.devstack.PostgresServer;
import io.spillway.devstack.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./spillway bench}: starts the devstack and the service, captures N changes into one topic, runs
 * every contender on it one after another, checks each target against the source, and writes the table,
 * JSON and charts under bench/results/. Exits non-zero when a row failed or a target differs.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("spillway bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(options.serviceJar())) {
            System.err.println("spillway bench: " + options.serviceJar() + " is missing: build it with "
                    + "'./mvnw -DskipTests package' (./spillway bench does)");
            System.exit(2);
        }
        BenchReport report = run(options);
        Files.createDirectories(options.outDir());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(OffsetDateTime.now(ZoneOffset.UTC));
        String table = ResultTable.render(report);
        System.out.println();
        System.out.println(table);
        Path json = options.outDir().resolve("bench-" + stamp + ".json");
        Files.writeString(json, ResultJson.render(report));
        Files.writeString(options.outDir().resolve("latest.json"), ResultJson.render(report));
        Files.writeString(options.outDir().resolve("latest.md"), table);
        Path chart = ResultChart.writeThroughput(report, options.outDir().resolve("throughput-" + stamp + ".png"));
        Files.copy(chart, options.outDir().resolve("throughput-latest.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path latency = ResultChart.writeLatency(report, options.outDir().resolve("latency-" + stamp + ".png"));
        if (latency != null) {
            Files.copy(latency, options.outDir().resolve("latency-latest.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Log.info("wrote %s, %s%s and latest.* in %s", json.getFileName(), chart.getFileName(),
                latency == null ? "" : ", " + latency.getFileName(), options.outDir());
        if (!report.allOk()) {
            System.err.println();
            System.err.println("BENCHMARK FAILED: " + failures(report));
            System.exit(1);
        }
    }

    private static String failures(BenchReport report) {
        List<String> failed = new ArrayList<>();
        report.runs().stream().filter(r -> !r.ok()).forEach(r -> failed.add(r.name() + ": " + r.error()));
        report.latencies().stream().filter(l -> !l.ok()).forEach(l -> failed.add("latency " + l.name() + ": " + l.error()));
        return String.join("\n  ", failed);
    }

    static BenchReport run(BenchOptions options) throws Exception {
        String startedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
        MachineInfo machine = MachineInfo.current();
        Log.info("%s", options.commandLine());
        Log.info("machine: %s", machine.describe());
        Path dataDir = Files.createTempDirectory("spillway-bench");
        DevstackSettings settings = DevstackSettings.randomPorts(dataDir);
        long t0 = System.nanoTime();
        Devstack stack = Devstack.start(settings, true);
        ManagedProcess service = null;
        try {
            // The Redis run's target is the stack's Redis, which is also the service's own: the egress policy
            // refuses that unless explicitly allowed (the bench measures the same Redis either way).
            List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx" + options.serviceHeap(), "-XX:+UseG1GC",
                    "-Dspillway.noop-job-enabled=true",
                    "-Dspillway.egress.allow=localhost:" + stack.redis().port()));
            // e.g. -XX:StartFlightRecording=filename=/tmp/service.jfr,settings=profile to see where the time goes
            String extra = System.getenv("SPILLWAY_BENCH_SERVICE_OPTS");
            if (extra != null && !extra.isBlank()) {
                jvm.addAll(List.of(extra.trim().split("\\s+")));
            }
            service = ServiceProcess.start(options.serviceJar(), stack, settings, jvm);
            Log.info("stack and service up in %.1f s (data and logs in %s)", (System.nanoTime() - t0) / 1e9, dataDir);
            // --scale: a second instance, started only for its row (it would idle beside the others).
            SecondInstance second = () -> {
                DevstackSettings own = DevstackSettings.randomPorts(settings.dataDir().resolve("second"));
                DevstackSettings other = new DevstackSettings(own.dataDir(), settings.postgresPort(),
                        settings.kafkaPort(), settings.kafkaControllerPort(), settings.connectPort(),
                        settings.redisPort(), own.apiPort(), settings.kafkaSaslPort());
                List<String> options2 = new ArrayList<>(jvm);
                options2.add("-Dspillway.consumer.reconcile-interval-ms=500");
                return new RunningInstance(ServiceProcess.start(options.serviceJar(), stack, other, options2),
                        own.apiPort());
            };
            // The jobs-on-the-loop-thread row: the setting is per instance, so an instance of its own, on Redis
            // database 1 (neither instance runs the other's consumers), started only for its row.
            SecondInstance loopThread = () -> {
                DevstackSettings own = DevstackSettings.randomPorts(settings.dataDir().resolve("loop-thread"));
                DevstackSettings other = new DevstackSettings(own.dataDir(), settings.postgresPort(),
                        settings.kafkaPort(), settings.kafkaControllerPort(), settings.connectPort(),
                        settings.redisPort(), own.apiPort(), settings.kafkaSaslPort());
                List<String> options3 = new ArrayList<>(jvm);
                options3.add("-Dspillway.consumer.pipelined-jobs=false");
                options3.add("-Dspillway.redis-url=" + stack.redis().url() + "/" + LOOP_THREAD_REDIS_DB);
                return new RunningInstance(ServiceProcess.start(options.serviceJar(), stack, other, options3),
                        own.apiPort());
            };
            try (BenchEnv env = new BenchEnv(stack, service, settings.apiPort())) {
                try {
                    return runAll(env, options, startedAt, machine, second, loopThread);
                } finally {
                    // Ends the walsender first, so PostgreSQL stops cleanly with the stack.
                    env.connect.delete("/connectors/" + SourceSetup.CONNECTOR);
                }
            }
        } finally {
            if (service != null) {
                service.close();
            }
            stack.close();
            deleteQuietly(dataDir);
        }
    }

    /** The loop-thread row's instance's Redis database: the main instance's consumers are not in it. */
    private static final int LOOP_THREAD_REDIS_DB = 1;

    /** The jobs-on-the-loop-thread row, on its own instance (closed after it). */
    private static RunResult loopThreadRun(BenchEnv env, RunningInstance instance, String checksum, String fingerprint,
            long changes) throws Exception {
        try (ManagedProcess process = instance.process();
                BenchEnv own = new BenchEnv(env.stack, process, instance.apiPort());
                ProcessSampler sampler = new ProcessSampler(process.pid())) {
            own.redis.select(LOOP_THREAD_REDIS_DB); // its keys, for the row's key counts
            SpillwayRun run = new SpillwayRun(own, sampler, checksum, fingerprint);
            // A fresh JVM: one unmeasured pass first, so the row is not the JIT's warm-up (the main instance
            // is warm from the rows before it).
            run.run(BenchReport.SPILLWAY_LOOP_THREAD + " (warm-up, not in the table)", SpillwayRun.Target.POSTGRES,
                    BenchReport.LOOP_THREAD_MAX_EVENT, changes);
            return run.run(BenchReport.SPILLWAY_LOOP_THREAD, SpillwayRun.Target.POSTGRES,
                    BenchReport.LOOP_THREAD_MAX_EVENT, changes);
        }
    }

    /** Starts a second service instance on the same stack. */
    interface SecondInstance {
        RunningInstance start() throws Exception;
    }

    record RunningInstance(ManagedProcess process, int apiPort) {
    }

    private static BenchReport runAll(BenchEnv env, BenchOptions options, String startedAt, MachineInfo machine,
            SecondInstance second, SecondInstance loopThread) throws Exception {
        long changes = options.changes();
        SourceSetup source = new SourceSetup(env, options.compression());
        source.prepare();
        double produceSeconds = source.produce(changes);
        String checksum;
        String fingerprint;
        try (Connection c = env.superuser(PostgresServer.SOURCE_DB)) {
            checksum = TableCompare.checksum(c, "public." + SourceTable.MAIN);
            fingerprint = TableCompare.fingerprint(c, "public." + SourceTable.MAIN);
        }
        Log.info("source: %,d rows, checksum %s", TableCompare.rows(checksum), checksum);

        List<RunResult> runs = new ArrayList<>();
        Log.info("run: ceiling (bytes only)");
        runs.add(RawRun.run(env, changes, false));
        Log.info("run: naive consumer (JSON tree)");
        runs.add(RawRun.run(env, changes, true));
        try (ProcessSampler serviceSampler = new ProcessSampler(env.service.pid());
                ProcessSampler connectSampler = new ProcessSampler(env.stack.connect().process().pid())) {
            SpillwayRun spillway = new SpillwayRun(env, serviceSampler, checksum, fingerprint);
            List<Integer> windows = options.maxEvents();
            // The service's JVM is fresh: one unmeasured pass first, or the first row pays the JIT's warm-up (6 s
            // of compiler threads' CPU in a 10 s row, measured), as the loop-thread row's own instance does.
            Log.info("run: Spillway sync into PostgreSQL, max_event=%d (warm-up, not in the table)", windows.get(0));
            spillway.run(BenchReport.spillwaySync(windows.get(0)) + " (warm-up, not in the table)",
                    SpillwayRun.Target.POSTGRES, windows.get(0), changes);
            for (int maxEvent : windows) {
                Log.info("run: Spillway sync into PostgreSQL, max_event=%d", maxEvent);
                runs.add(spillway.run(BenchReport.spillwaySync(maxEvent), SpillwayRun.Target.POSTGRES, maxEvent, changes));
            }
            if (windows.contains(BenchReport.LOOP_THREAD_MAX_EVENT)) {
                Log.info("run: Spillway sync into PostgreSQL, max_event=%d, jobs on the loop thread (starting its"
                        + " instance)", BenchReport.LOOP_THREAD_MAX_EVENT);
                runs.add(loopThreadRun(env, loopThread.start(), checksum, fingerprint, changes));
            }
            Log.info("run: Debezium JDBC sink");
            runs.add(new JdbcSinkRun(env, connectSampler, checksum, fingerprint).run(changes));
            Log.info("run: Spillway sync into Redis");
            runs.add(spillway.run(BenchReport.SPILLWAY_REDIS, SpillwayRun.Target.REDIS, 10_000, changes));
            Log.info("run: Spillway noop job");
            runs.add(spillway.run(BenchReport.SPILLWAY_NOOP, SpillwayRun.Target.NOOP, 10_000, changes));
        }
        if (options.scale()) {
            Log.info("run: Spillway on two instances (starting the second)");
            RunningInstance instance = second.start();
            try (ManagedProcess process = instance.process()) {
                runs.addAll(new ScaleRun(env, new JsonHttp("http://localhost:" + instance.apiPort()), checksum,
                        fingerprint).run(changes));
            }
        }
        List<LatencyResult> latencies = new ArrayList<>();
        if (options.latencyChanges() > 0) {
            LatencyRun latency = new LatencyRun(env);
            for (LatencyScenario scenario : LatencyScenario.ALL) {
                latencies.addAll(latency.run(scenario, options.latencyChanges()));
            }
        }
        return new BenchReport(startedAt, options.commandLine(), machine, changes, produceSeconds, runs, latencies,
                options.compression());
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            Log.info("could not delete %s: %s", dir, e.getMessage());
        }
    }
}
