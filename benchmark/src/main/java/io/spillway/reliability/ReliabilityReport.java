package io.spillway.reliability;

import java.util.List;

/** A whole run: what was injected, how each fault recovered, what the final check found. */
record ReliabilityReport(String startedAt, String commandLine, long seed, String machine, double loadSeconds,
        int rate, List<FaultResult> faults, CheckResult check, String error) {

    boolean ok() {
        return error == null && check != null && check.ok() && faults.stream().allMatch(FaultResult::recovered);
    }
}
