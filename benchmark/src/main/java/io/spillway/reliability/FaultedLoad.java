package io.spillway.reliability;

import io.spillway.bench.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The seed's pipeline under a steady load, the faults one at a time at seeded random moments, each
 * followed by a wait for the pipeline to catch up (timed), then the load stopped and the final check.
 */
final class FaultedLoad {
    private final ReliabilityStack stack;
    private final ReliabilityOptions options;
    private final List<FaultResult> results;

    /** {@code results} fills as faults are injected: a run that breaks half-way still reports them. */
    FaultedLoad(ReliabilityStack stack, ReliabilityOptions options, List<FaultResult> results) {
        this.stack = stack;
        this.options = options;
        this.results = results;
    }

    ReliabilityReport run(String startedAt, String machine) throws Exception {
        try (LoadWriter load = new LoadWriter(stack, options.seed(), options.rate())) {
            load.start();
            long loadStarted = System.nanoTime();
            RecoveryTimer timer = new RecoveryTimer(stack);
            if (timer.awaitCaughtUp(1, options.recoveryTimeout()).isEmpty()) {
                throw new IllegalStateException("no change reached both targets within "
                        + options.recoveryTimeout().toSeconds() + " s of the load starting; service log: "
                        + stack.serviceLog());
            }
            ReliabilityRun.say("load running at %d changes/s; first changes in both targets", options.rate());
            pauseWhileLoading(load, Duration.ofSeconds(5));
            double baseline = timer.awaitCaughtUp(load.ledger().lastSeq(), options.recoveryTimeout())
                    .map(d -> d.toMillis() / 1e3).orElse(-1.0);
            ReliabilityRun.say("baseline with no fault: a committed change is in both targets %.1f s later", baseline);
            List<FaultSchedule.Planned> plan = FaultSchedule.plan(options.faults(), options.duration(), options.seed());
            for (int i = 0; i < plan.size(); i++) {
                pauseWhileLoading(load, plan.get(i).pauseBefore());
                FaultResult result = inject(load, timer, plan.get(i).fault(), i + 1, plan.size(), loadStarted);
                results.add(result);
                if (!result.recovered()) {
                    // Further faults on a pipeline that is already stuck would measure nothing.
                    ReliabilityRun.say("no further faults: the pipeline did not recover from %s", result.kind());
                    break;
                }
            }
            pauseWhileLoading(load, options.duration().minusNanos(System.nanoTime() - loadStarted));
            long marker = load.stopWithMarker();
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            ReliabilityRun.say("load stopped after %.0f s: %,d changes committed at the source; waiting for the"
                    + " last window", loadSeconds, load.ledger().changes());
            // After a fault that never recovered, waiting the full timeout again tells nothing new.
            boolean allRecovered = results.stream().allMatch(FaultResult::recovered);
            Optional<Duration> drained = timer.awaitCaughtUp(marker,
                    allRecovered ? options.recoveryTimeout() : Duration.ofSeconds(30));
            ReliabilityRun.say(drained.map(d -> String.format("last change in both targets after %.1f s",
                    d.toMillis() / 1e3)).orElse("the last change did NOT reach both targets; checking what did"));
            long malformed = results.stream().filter(r -> r.kind().equals("malformed")).count()
                    * MalformedRecords.count();
            CheckResult check = new FinalCheck(stack).run(load.ledger(), malformed, results);
            return new ReliabilityReport(startedAt, options.commandLine(), options.seed(), machine, loadSeconds,
                    options.rate(), baseline, results, check, null);
        }
    }

    private FaultResult inject(LoadWriter load, RecoveryTimer timer, Fault fault, int n, int of, long loadStarted) {
        double at = (System.nanoTime() - loadStarted) / 1e9;
        ReliabilityRun.say("fault %d/%d: %s (at %.0f s, %,d changes so far)", n, of, describe(fault), at,
                load.ledger().changes());
        long topicOffset = topicOffset();
        long t0 = System.nanoTime();
        String note = null;
        try {
            fault.inject(stack);
        } catch (Exception e) {
            note = "injecting failed: " + e.getMessage();
            ReliabilityRun.say("  %s", note);
        }
        double outage = (System.nanoTime() - t0) / 1e9;
        long seq = load.ledger().lastSeq();
        Optional<Duration> recovery = timer.awaitCaughtUp(seq, options.recoveryTimeout());
        if (recovery.isPresent()) {
            ReliabilityRun.say("  %s over after %.1f s; recovered in %.1f s (change %d in both targets)",
                    fault.kind(), outage, recovery.get().toMillis() / 1e3, seq);
            return new FaultResult(fault.kind(), at, topicOffset, outage, recovery.get().toMillis() / 1e3, note);
        }
        String states = "sync " + PipelineSetup.state(stack, PipelineSetup.SYNC) + "; append "
                + PipelineSetup.state(stack, PipelineSetup.APPEND);
        ReliabilityRun.say("  %s NOT recovered within %d s: %s", fault.kind(), options.recoveryTimeout().toSeconds(),
                states);
        return new FaultResult(fault.kind(), at, topicOffset, outage, -1, note == null ? states : note + "; " + states);
    }

    private long topicOffset() {
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
}
