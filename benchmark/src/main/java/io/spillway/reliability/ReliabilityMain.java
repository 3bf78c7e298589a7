package io.spillway.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code ./spillway reliability}: runs the suite, prints its tables, writes the JSON under bench/results/
 * and the tables into docs/reliability.md. Exits 1 when a change was lost or duplicated, a fault did not
 * recover or the run broke; 2 on bad options.
 */
public final class ReliabilityMain {
    private ReliabilityMain() {
    }

    public static void main(String[] args) throws Exception {
        ReliabilityOptions options;
        try {
            options = ReliabilityOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("spillway reliability: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(options.serviceJar())) {
            System.err.println("spillway reliability: " + options.serviceJar() + " is missing: build it with "
                    + "'./mvnw -DskipTests package' (./spillway reliability does)");
            System.exit(2);
        }
        ReliabilityReport report = ReliabilityRun.run(options);
        String markdown = ReportWriter.markdown(report);
        System.out.println();
        System.out.println(markdown);
        Files.createDirectories(options.outDir());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(OffsetDateTime.now(ZoneOffset.UTC));
        Path json = options.outDir().resolve("reliability-" + stamp + ".json");
        Files.writeString(json, ReportWriter.json(report));
        Files.writeString(options.outDir().resolve("reliability-latest.json"), ReportWriter.json(report));
        if (options.docsFile() != null) {
            ReportWriter.updateDocs(options.docsFile(), markdown);
        }
        ReliabilityRun.say("wrote %s%s", json, options.docsFile() == null ? "" : " and " + options.docsFile());
        if (!report.ok()) {
            System.err.println("RELIABILITY SUITE FAILED: see the tables above");
            System.exit(1);
        }
        System.exit(0); // the Kafka clients' threads must not keep the JVM alive
    }
}
