package io.spillway.reliability;

import io.spillway.bench.TableCompare;
import io.spillway.bench.Waits;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * After the load: target == source in SQL (every row, every column), every committed change in the
 * append table exactly once, the dead letters counted, the consumer groups' final lag.
 */
final class FinalCheck {
    /** person12's columns, each rendered as one canonical text whatever the target column's type. */
    static final List<String> COLUMNS = List.of(
            "id::text::bigint::text",
            "name::text",
            "coalesce(email::text, '<null>')",
            "coalesce(age::text::integer::text, '<null>')",
            "to_char(created_at::text::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')");
    private static final String TABLE = "public.person12";
    private static final List<String> CONSUMERS = List.of(PipelineSetup.SYNC, PipelineSetup.APPEND);

    private final ReliabilityStack stack;

    FinalCheck(ReliabilityStack stack) {
        this.stack = stack;
    }

    CheckResult run(ChangeLedger ledger, long malformedInjected, List<FaultResult> faults) throws SQLException {
        Map<String, Long> lag = awaitCommitted();
        String sourceSum;
        Map<Long, String> source;
        try (Connection c = stack.source()) {
            sourceSum = TableCompare.checksum(c, TABLE, COLUMNS);
            source = TableCompare.rowDigests(c, TABLE, "id", COLUMNS);
        }
        String targetSum;
        Map<Long, String> target;
        AppendCount append;
        try (Connection c = stack.target()) {
            targetSum = TableCompare.checksum(c, TABLE, COLUMNS);
            target = TableCompare.rowDigests(c, TABLE, "id", COLUMNS);
            append = countAppended(c, ledger);
        }
        long missing = source.keySet().stream().filter(id -> !target.containsKey(id)).count();
        long extra = target.keySet().stream().filter(id -> !source.containsKey(id)).count();
        long stale = source.entrySet().stream()
                .filter(e -> target.containsKey(e.getKey()) && !target.get(e.getKey()).equals(e.getValue())).count();
        Map<String, Long> deadLettered = DeadLetters.count(stack.devstack().kafka().bootstrapServers(),
                PipelineSetup.DLQ_TOPIC, CONSUMERS);
        return new CheckResult(ledger.inserts(), ledger.updates(), ledger.deletes(), source.size(), target.size(),
                sourceSum.equals(targetSum), missing, stale, extra, append.missing, append.duplicated,
                append.foreign, deadLettered, malformedInjected, lag, attribute(append.copyOffsets, faults));
    }

    /** Waits up to 60 s for both groups to commit the whole topic; answers what each still lags. */
    private Map<String, Long> awaitCommitted() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Map<String, Long> lag = new LinkedHashMap<>();
        while (true) {
            long end = stack.kafka().endOffsetTotal(PipelineSetup.TOPIC);
            for (String consumer : CONSUMERS) {
                lag.put(consumer, end - stack.kafka().committedTotal("spillway-" + consumer, PipelineSetup.TOPIC));
            }
            if (lag.values().stream().allMatch(n -> n <= 0) || System.nanoTime() > deadline) {
                return lag;
            }
            Waits.pause(500);
        }
    }

    private record AppendCount(long missing, long duplicated, long foreign, List<Long> copyOffsets) {
    }

    /** Each duplicate by the last fault injected before its second copy reached the topic. */
    static Map<String, Long> attribute(List<Long> copyOffsets, List<FaultResult> faults) {
        Map<String, Long> byFault = new TreeMap<>();
        for (long offset : copyOffsets) {
            String after = "before any fault";
            for (int i = 0; i < faults.size(); i++) {
                if (faults.get(i).topicOffset() >= 0 && faults.get(i).topicOffset() <= offset) {
                    after = (i + 1) + " " + faults.get(i).kind();
                }
            }
            byFault.merge(after, 1L, Long::sum);
        }
        return byFault;
    }

    /** Each committed insert/update by its sequence number, each delete by its id: present once, no more. */
    private static AppendCount countAppended(Connection c, ChangeLedger ledger) throws SQLException {
        Map<Long, Integer> seqs = new HashMap<>();
        Map<Long, Integer> deletes = new HashMap<>();
        List<Long> copyOffsets = new ArrayList<>();
        long foreign = 0;
        try (Statement sql = c.createStatement(); ResultSet rs = sql.executeQuery(
                "SELECT op, after->>'name', coalesce(key->>'id', before->>'id'), kafka_offset FROM "
                        + PipelineSetup.CHANGELOG + " ORDER BY kafka_partition, kafka_offset")) {
            while (rs.next()) {
                String op = rs.getString(1);
                String name = rs.getString(2);
                int copies = 0;
                if ((op.equals("c") || op.equals("u")) && name != null && name.startsWith("person ")) {
                    copies = seqs.merge(Long.parseLong(name.substring(7)), 1, Integer::sum);
                } else if (op.equals("d") && rs.getString(3) != null) {
                    copies = deletes.merge(Long.parseLong(rs.getString(3)), 1, Integer::sum);
                } else {
                    foreign++;
                }
                if (copies > 1) {
                    copyOffsets.add(rs.getLong(4));
                }
            }
        }
        long missing = 0;
        for (long seq = 1; seq <= ledger.lastSeq(); seq++) {
            missing += seqs.containsKey(seq) ? 0 : 1;
        }
        Set<Long> deleted = ledger.deletedIds();
        missing += deleted.stream().filter(id -> !deletes.containsKey(id)).count();
        long duplicated = seqs.values().stream().mapToLong(n -> n - 1).sum()
                + deletes.values().stream().mapToLong(n -> n - 1).sum();
        foreign += seqs.keySet().stream().filter(seq -> seq > ledger.lastSeq()).count()
                + deletes.keySet().stream().filter(id -> !deleted.contains(id)).count();
        return new AppendCount(missing, duplicated, foreign, copyOffsets);
    }
}
