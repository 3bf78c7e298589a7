package io.spillway.reliability;

import java.util.List;

/**
 * A whole run: what was injected, how each fault recovered, what the final check found. The baseline is
 * the same catch-up time measured before any fault: the pipeline's normal delay under this load.
 */
record ReliabilityReport(String startedAt, String commandLine, long seed, String machine, double loadSeconds,
        int rate, double baselineSeconds, List<FaultResult> faults, CheckResult check, String error) {

    boolean ok() {
        return error == null && check != null && check.ok() && faults.stream().allMatch(FaultResult::recovered);
    }
}
