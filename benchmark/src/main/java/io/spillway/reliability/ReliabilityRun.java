package io.spillway.reliability;

import io.spillway.bench.Log;
import io.spillway.bench.MachineInfo;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite: starts the stack (and stops it on Ctrl-C), runs {@link FaultedLoad} on it, and keeps the
 * data directory of a failed run for its logs.
 */
public final class ReliabilityRun {
    private ReliabilityRun() {
    }

    public static ReliabilityReport run(ReliabilityOptions options) {
        String startedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
        String machine = MachineInfo.current().describe();
        say("%s (seed %d)", options.commandLine(), options.seed());
        say("machine: %s", machine);
        List<FaultResult> results = new ArrayList<>();
        long started = System.nanoTime();
        Path dataDir = null;
        ReliabilityReport report;
        say("starting the stack, a separate target PostgreSQL and the service ...");
        try (ReliabilityStack stack = ReliabilityStack.start(options.serviceJar())) {
            dataDir = stack.dataDir();
            Thread stopOnCtrlC = new Thread(stack::close, "reliability-stop");
            Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
            PipelineSetup.register(stack);
            say("pipeline registered: connector on public.person12, consumers %s (sync) and %s (append) into"
                    + " warehouse on its own server", PipelineSetup.SYNC, PipelineSetup.APPEND);
            report = new FaultedLoad(stack, options, results).run(startedAt, machine);
            Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
        } catch (Exception e) {
            say("RUN FAILED: %s", e.getMessage());
            report = new ReliabilityReport(startedAt, options.commandLine(), options.seed(), machine,
                    (System.nanoTime() - started) / 1e9, options.rate(), -1, results, null, e.toString());
        }
        if (dataDir != null) {
            if (report.ok()) {
                Cleanup.delete(dataDir);
            } else {
                say("logs and data kept in %s", dataDir);
            }
        }
        return report;
    }

    static void say(String format, Object... args) {
        Log.line("reliability", format, args);
    }
}
