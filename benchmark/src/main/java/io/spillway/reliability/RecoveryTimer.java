package io.spillway.reliability;

import io.spillway.bench.Log;
import io.spillway.bench.Waits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * Times how long the pipeline takes to catch up after a fault: until both targets hold a change at least
 * as new as the last one the source committed when the fault ended (the sync table a row with that
 * sequence number or a later one, the append table that change or a later one). One partition, loaded in
 * order, so a change loaded means every earlier change of the topic is loaded.
 */
final class RecoveryTimer {
    private static final String SYNC_SEQ = "SELECT coalesce(max(split_part(name, ' ', 2)::bigint), 0)"
            + " FROM public.person12 WHERE name LIKE 'person %'";
    // Only the rows appended since the last poll, through the primary key (the topic has one partition).
    private static final String APPEND_SEQ = "SELECT max(kafka_offset), max(split_part(after->>'name', ' ', 2)::bigint)"
            + " FROM " + PipelineSetup.CHANGELOG + " WHERE kafka_topic = '" + PipelineSetup.TOPIC + "'"
            + " AND kafka_partition = 0 AND kafka_offset > ? AND after->>'name' LIKE 'person %'";

    private final ReliabilityStack stack;
    private long appendOffset = -1;
    private long appendSeq;

    RecoveryTimer(ReliabilityStack stack) {
        this.stack = stack;
    }

    /** The time from now until both targets reached {@code seq}, or empty after {@code timeout}. */
    Optional<Duration> awaitCaughtUp(long seq, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long lastLog = started;
        while (true) {
            long[] reached = reached();
            if (reached[0] >= seq && reached[1] >= seq) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - started));
            }
            long now = System.nanoTime();
            if (now > deadline) {
                return Optional.empty();
            }
            if (now - lastLog > 15_000_000_000L) {
                lastLog = now;
                Log.line("reliability", "  waiting for change %d: sync target at %d, append target at %d;"
                        + " sync %s; append %s", seq, reached[0], reached[1],
                        PipelineSetup.state(stack, PipelineSetup.SYNC), PipelineSetup.state(stack, PipelineSetup.APPEND));
            }
            Waits.pause(500);
        }
    }

    /** The newest change in the sync target and in the append target; -1 while the target is down. */
    long[] reached() {
        long sync = -1;
        try (Connection c = stack.target()) {
            try (Statement sql = c.createStatement(); ResultSet rs = sql.executeQuery(SYNC_SEQ)) {
                rs.next();
                sync = rs.getLong(1);
            }
            try (PreparedStatement sql = c.prepareStatement(APPEND_SEQ)) {
                sql.setLong(1, appendOffset);
                try (ResultSet rs = sql.executeQuery()) {
                    rs.next();
                    if (rs.getObject(1) != null) {
                        appendOffset = rs.getLong(1);
                        appendSeq = Math.max(appendSeq, rs.getLong(2));
                    }
                }
            }
            return new long[] {sync, appendSeq};
        } catch (SQLException e) {
            return new long[] {sync, -1}; // target down, or a table not created yet
        }
    }
}
