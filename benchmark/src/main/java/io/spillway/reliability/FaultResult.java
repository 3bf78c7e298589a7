package io.spillway.reliability;

/**
 * One injected fault.
 *
 * @param kind            the fault's kind ({@link Fault#kind()})
 * @param atSeconds       when it struck, seconds after the load started
 * @param topicOffset     the change topic's end offset when it struck (to tell which fault a duplicate followed)
 * @param outageSeconds   from the injection until the fault was over (the process back, the server up)
 * @param recoverySeconds from the fault being over until both targets caught up; -1 when they did not
 * @param note            what went wrong, when something did
 */
record FaultResult(String kind, double atSeconds, long topicOffset, double outageSeconds, double recoverySeconds, String note) {
    boolean recovered() {
        return recoverySeconds >= 0;
    }
}
