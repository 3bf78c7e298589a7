package io.spillway.debezium;

/**
 * One task of a connector as Kafka Connect reports it.
 *
 * @param id the task's number
 * @param state RUNNING, FAILED, PAUSED, UNASSIGNED, RESTARTING or STOPPED
 * @param workerId the worker running it
 * @param trace the first line of the failure's stack trace when FAILED, else null
 */
public record TaskState(int id, String state, String workerId, String trace) {
}
