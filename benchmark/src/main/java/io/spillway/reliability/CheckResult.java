package io.spillway.reliability;

import java.util.Map;

/**
 * What the final check found. Every count but the written ones and the dead letters must be 0.
 *
 * @param inserts             inserts the load committed at the source
 * @param updates             updates the load committed
 * @param deletes             deletes the load committed
 * @param sourceRows          rows of the source table at the end
 * @param targetRows          rows of the sync target table at the end
 * @param checksumsEqual      the md5 checksums over every column of every row are equal
 * @param rowsMissing         source rows absent from the sync target
 * @param rowsStale           rows in both whose columns differ
 * @param rowsExtra           target rows the source deleted (or never had)
 * @param changesMissing      committed source changes absent from the append table
 * @param changesDuplicated   extra copies of a change in the append table
 * @param foreignRows         append rows that are no change of the load (a malformed record let through)
 * @param deadLettered        per consumer, distinct records in the dead-letter topic
 * @param deadLetterExpected  per consumer, the malformed records injected
 * @param finalLag            per consumer group, records of the topic not committed at the end
 * @param duplicatesAfter     the duplicates by the fault they followed on the topic ("3 kafka-restart")
 */
record CheckResult(long inserts, long updates, long deletes, long sourceRows, long targetRows, boolean checksumsEqual,
        long rowsMissing, long rowsStale, long rowsExtra, long changesMissing, long changesDuplicated,
        long foreignRows, Map<String, Long> deadLettered, long deadLetterExpected, Map<String, Long> finalLag,
        Map<String, Long> duplicatesAfter) {

    long changesWritten() {
        return inserts + updates + deletes;
    }

    /** Changes that did not arrive as they should: the append table's gaps and the sync table's wrong rows. */
    long lost() {
        return changesMissing + rowsMissing + rowsStale + rowsExtra;
    }

    long deadLetteredTotal() {
        return deadLettered.values().stream().mapToLong(Long::longValue).sum();
    }

    boolean ok() {
        return checksumsEqual && lost() == 0 && changesDuplicated == 0 && foreignRows == 0
                && deadLettered.values().stream().allMatch(n -> n == deadLetterExpected)
                && finalLag.values().stream().allMatch(n -> n == 0);
    }
}
