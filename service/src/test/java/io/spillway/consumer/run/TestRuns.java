package io.spillway.consumer.run;

/** Run records for tests of the run history: the n-th succeeded run of a consumer, one change each. */
public final class TestRuns {
    private TestRuns() {
    }

    public static RunRecord succeeded(String consumerId, int n) {
        return new RunRecord("run-" + n, consumerId, "pipeline", "sync", "w-" + n, "count", 1, 1, 1, 0, 0, null,
                null, "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", 1000, RunRecord.SUCCEEDED, null, "i", 0, 0);
    }
}
