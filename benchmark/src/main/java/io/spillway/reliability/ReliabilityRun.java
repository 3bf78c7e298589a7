package io.spillway.reliability;

import io.spillway.bench.Log;
import io.spillway.bench.MachineInfo;
import io.spillway.bench.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The suite: the seed's pipeline under a steady load on the real stack, the faults one at a time at
 * seeded random moments, each followed by a wait for the pipeline to catch up, then the final check.
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
        long loadStarted = System.nanoTime();
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
            try (LoadWriter load = new LoadWriter(stack, options.seed(), options.rate())) {
                load.start();
                loadStarted = System.nanoTime();
                RecoveryTimer timer = new RecoveryTimer(stack);
                if (timer.awaitCaughtUp(1, options.recoveryTimeout()).isEmpty()) {
                    throw new IllegalStateException("no change reached both targets within "
                            + options.recoveryTimeout().toSeconds() + " s of the load starting; service log: "
                            + stack.serviceLog());
                }
                say("load running at %d changes/s; first changes in both targets", options.rate());
                pauseWhileLoading(load, Duration.ofSeconds(5));
                double baseline = timer.awaitCaughtUp(load.ledger().lastSeq(), options.recoveryTimeout())
                        .map(d -> d.toMillis() / 1e3).orElse(-1.0);
                say("baseline with no fault: a committed change is in both targets %.1f s later", baseline);
                List<FaultSchedule.Planned> plan = FaultSchedule.plan(options.faults(), options.duration(), options.seed());
                for (int i = 0; i < plan.size(); i++) {
                    pauseWhileLoading(load, plan.get(i).pauseBefore());
                    results.add(inject(stack, load, timer, plan.get(i).fault(), i + 1, plan.size(), loadStarted,
                            options.recoveryTimeout()));
                }
                pauseWhileLoading(load, options.duration().minusNanos(System.nanoTime() - loadStarted));
                long marker = load.stopWithMarker();
                double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
                say("load stopped after %.0f s: %,d changes committed at the source; waiting for the last window",
                        loadSeconds, load.ledger().changes());
                // After a fault that never recovered, waiting the full timeout again tells nothing new.
                boolean allRecovered = results.stream().allMatch(FaultResult::recovered);
                Optional<Duration> drained = timer.awaitCaughtUp(marker,
                        allRecovered ? options.recoveryTimeout() : Duration.ofSeconds(30));
                say(drained.map(d -> String.format("last change in both targets after %.1f s", d.toMillis() / 1e3))
                        .orElse("the last change did NOT reach both targets; checking what did"));
                long malformed = results.stream().filter(r -> r.kind().equals("malformed")).count()
                        * MalformedRecords.count();
                CheckResult check = new FinalCheck(stack).run(load.ledger(), malformed, results);
                report = new ReliabilityReport(startedAt, options.commandLine(), options.seed(), machine, loadSeconds,
                        options.rate(), baseline, results, check, null);
            }
            Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
        } catch (Exception e) {
            say("RUN FAILED: %s", e.getMessage());
            report = new ReliabilityReport(startedAt, options.commandLine(), options.seed(), machine,
                    (System.nanoTime() - loadStarted) / 1e9, options.rate(), -1, results, null, e.toString());
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

    private static FaultResult inject(ReliabilityStack stack, LoadWriter load, RecoveryTimer timer, Fault fault,
            int n, int of, long loadStarted, Duration recoveryTimeout) {
        double at = (System.nanoTime() - loadStarted) / 1e9;
        say("fault %d/%d: %s (at %.0f s, %,d changes so far)", n, of, describe(fault), at, load.ledger().changes());
        long topicOffset = topicOffset(stack);
        long t0 = System.nanoTime();
        String note = null;
        try {
            fault.inject(stack);
        } catch (Exception e) {
            note = "injecting failed: " + e.getMessage();
            say("  %s", note);
        }
        double outage = (System.nanoTime() - t0) / 1e9;
        long seq = load.ledger().lastSeq();
        Optional<Duration> recovery = timer.awaitCaughtUp(seq, recoveryTimeout);
        if (recovery.isPresent()) {
            say("  %s over after %.1f s; recovered in %.1f s (change %d in both targets)", fault.kind(), outage,
                    recovery.get().toMillis() / 1e3, seq);
            return new FaultResult(fault.kind(), at, topicOffset, outage, recovery.get().toMillis() / 1e3, note);
        }
        String states = "sync " + PipelineSetup.state(stack, PipelineSetup.SYNC) + "; append "
                + PipelineSetup.state(stack, PipelineSetup.APPEND);
        say("  %s NOT recovered within %d s: %s", fault.kind(), recoveryTimeout.toSeconds(), states);
        return new FaultResult(fault.kind(), at, topicOffset, outage, -1, note == null ? states : note + "; " + states);
    }

    private static long topicOffset(ReliabilityStack stack) {
        try {
            return stack.kafka().endOffsetTotal(PipelineSetup.TOPIC);
        } catch (RuntimeException e) {
            return -1; // the broker is down: a previous fault did not recover
        }
    }

    private static String describe(Fault fault) {
        return fault instanceof Fault.TargetStop stop
                ? fault.kind() + " for " + stop.outage().toSeconds() + " s" : fault.kind();
    }

    private static void pauseWhileLoading(LoadWriter load, Duration pause) throws Exception {
        long until = System.nanoTime() + Math.max(0, pause.toNanos());
        while (System.nanoTime() < until) {
            if (load.failure() != null) {
                throw load.failure();
            }
            Waits.pause(Math.min(500, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    static void say(String format, Object... args) {
        Log.line("reliability", format, args);
    }
}
