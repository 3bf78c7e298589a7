package io.spillway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The reliability suite's short version on the real stack: one fault of each kind under load (about two
 * minutes of load in all: 60 s of pauses plus the outages and recoveries; the target stopped for 10 s
 * instead of 30), then nothing lost, nothing duplicated, every fault
 * recovered, and exactly the malformed records dead-lettered by each consumer.
 * {@code -Dreliability.faults=KIND,...} narrows the faults (e.g. to leave out one a branch cannot pass yet).
 */
class ReliabilityIT {
    @Test
    void underEveryFaultNoChangeIsLostOrDuplicatedAndThePipelineRecovers() {
        Path jar = Path.of(System.getProperty("spillway.service.jar", "../service/target/spillway-service.jar"));
        assertThat(jar).as("the service jar: build it first (./mvnw -DskipTests package)").satisfies(
                p -> assertThat(Files.isRegularFile(p)).isTrue());
        ReliabilityOptions options = ReliabilityOptions.parse("--duration", "60", "--seed", "42",
                "--faults", System.getProperty("reliability.faults", "all"), "--service-kills", "1",
                "--target-stop", "10", "--recovery-timeout", "150", "--no-docs", "--out", "target/reliability",
                "--service-jar", jar.toString(), "--command-line", "ReliabilityIT");

        ReliabilityReport report = ReliabilityRun.run(options);
        System.out.println(ReportWriter.markdown(report));

        assertThat(report.error()).as("the run broke").isNull();
        assertThat(report.faults()).allSatisfy(fault ->
                assertThat(fault.recovered()).as("%s recovered (%s)", fault.kind(), fault.note()).isTrue());
        assertThat(report.faults()).as("faults injected").hasSameSizeAs(options.faults());
        CheckResult check = report.check();
        assertThat(check.changesWritten()).as("changes written").isGreaterThan(10_000);
        assertThat(check.lost()).as("changes lost").isZero();
        assertThat(check.changesDuplicated()).as("duplicates in the append table").isZero();
        assertThat(check.foreignRows()).as("append rows that are no source change").isZero();
        assertThat(check.checksumsEqual()).as("target == source").isTrue();
        assertThat(check.deadLettered()).as("dead letters per consumer").allSatisfy(
                (consumer, n) -> assertThat(n).as(consumer).isEqualTo(check.deadLetterExpected()));
        assertThat(check.finalLag()).as("final lag").allSatisfy((group, lag) -> assertThat(lag).as(group).isZero());
        assertThat(report.ok()).isTrue();
    }
}
