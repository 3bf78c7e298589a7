package io.spillway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static final CheckResult CLEAN = new CheckResult(600, 300, 100, 500, 500, true, 0, 0, 0, 0, 0, 0,
            Map.of("reliability-sync", 4L, "reliability-append", 4L), 4, Map.of("reliability-sync", 0L), Map.of());

    @Test
    void theTablesShowTheLongestRecoveryPerKindAndTheVerdict() {
        ReliabilityReport report = new ReliabilityReport("2026-01-01T00:00Z", "./spillway reliability", 7, "2 cores",
                600, 300, 1.5, List.of(new FaultResult("service-kill", 40, 12000, 9.5, 3.25, null),
                        new FaultResult("service-kill", 200, 60000, 8.0, 6.5, null),
                        new FaultResult("target-stop", 300, 90000, 31, 4, null)), CLEAN, null);
        String markdown = ReportWriter.markdown(report);
        assertThat(markdown).contains("| service-kill | 2 | 9.5 | 6.5 | yes |")
                .contains("| target-stop | 1 | 31.0 | 4.0 | yes |")
                .contains("| 1,000 (600 / 300 / 100) |")
                .contains("| verdict | PASS |");
        assertThat(report.ok()).isTrue();
    }

    @Test
    void theJsonHoldsEveryFaultAndTheCheck() {
        ReliabilityReport report = new ReliabilityReport("t", "c", 1, "m", 60, 300, 1.5,
                List.of(new FaultResult("kafka-restart", 10, 3000, 12.5, 3, null)), CLEAN, null);
        assertThat(ReportWriter.json(report)).contains("\"kind\" : \"kafka-restart\"")
                .contains("\"recoverySeconds\" : 3.0").contains("\"rowsMissing\" : 0")
                .contains("\"reliability-append\" : 4");
    }

    @Test
    void aLostChangeOrAnUnrecoveredFaultFailsTheRun() {
        CheckResult lost = new CheckResult(600, 300, 100, 500, 499, false, 1, 0, 0, 2, 3, 0, Map.of(), 0,
                Map.of(), Map.of("2 kafka-restart", 3L));
        ReliabilityReport report = new ReliabilityReport("t", "c", 1, "m", 60, 300, 1.5,
                List.of(new FaultResult("malformed", 10, 3000, 0.1, -1, "sync FAILED")), lost, null);
        assertThat(report.ok()).isFalse();
        assertThat(ReportWriter.markdown(report)).contains("**no**: sync FAILED").contains("| **3** (2 + 1 / 0 / 0) |")
                .contains("| **3**, after fault {2 kafka-restart=3} |").contains("| verdict | **FAIL** |");
    }

    @Test
    void theDocsSectionBetweenTheMarkersIsReplacedAndTheRestKept(@TempDir Path dir) throws Exception {
        Path docs = dir.resolve("reliability.md");
        Files.writeString(docs, "# Title\n\n" + ReportWriter.START + "\nold\n" + ReportWriter.END + "\n\nafter\n");
        ReportWriter.updateDocs(docs, "new table\n");
        assertThat(Files.readString(docs)).isEqualTo("# Title\n\n" + ReportWriter.START + "\nnew table\n"
                + ReportWriter.END + "\n\nafter\n");
    }
}
