package io.spillway.consumer.window;

import io.spillway.change.ChangeEvent;
import io.spillway.pipeline.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link WindowPlan} to this instance's open window and a poll's changes: which windows close
 * now (with which changes) and what stays open. Pure: the Kafka loop and Redis are elsewhere.
 */
public final class WindowAssembler {
    private WindowAssembler() {
    }

    /**
     * @param closed the windows to run now, in order
     * @param open this instance's open window afterwards, or null when it holds nothing
     */
    public record Assembly(List<Window> closed, LocalWindow open) {
    }

    public static Assembly apply(LocalWindow open, WindowPlan plan, List<ChangeEvent> changes, Instant now) {
        List<Window> closed = new ArrayList<>();
        if (open != null && !open.isEmpty()) {
            if (plan.callerWindowClosed() != null) {
                closed.add(open.close(plan.callerWindowClosed(), now));
                open = null;
            } else if (!open.windowId().equals(plan.entryWindowId())) {
                open.renameTo(plan.entryWindowId());
            }
        } else {
            open = null;
        }
        int next = 0;
        for (WindowPlan.Close close : plan.closes()) {
            int end = Math.min(changes.size(), next + close.take());
            for (; next < end; next++) {
                if (open == null) {
                    open = new LocalWindow(close.windowId(), now);
                }
                open.add(changes.get(next));
            }
            if (open != null && !open.isEmpty()) {
                if (!open.windowId().equals(close.windowId())) {
                    open.renameTo(close.windowId());
                }
                closed.add(open.close(close.reason(), now));
            }
            open = null;
        }
        for (; next < changes.size(); next++) {
            if (open == null) {
                open = new LocalWindow(plan.windowId(), now);
            }
            open.add(changes.get(next));
        }
        return new Assembly(List.copyOf(closed), open);
    }
}
