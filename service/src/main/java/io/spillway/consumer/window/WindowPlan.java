package io.spillway.consumer.window;

import io.spillway.pipeline.WindowCloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Redis' answer to one poll: how the poll's changes split over the pipeline's windows.
 *
 * @param entryWindowId the window the poll's first change joins (the caller's window is renamed to it
 *                      when Redis was rebuilt by another instance)
 * @param callerWindowClosed why the caller's open window was closed meanwhile (elsewhere), or null
 * @param closes the windows closed by this call, in order, each with how many of the poll's changes it took
 * @param windowId the window open afterwards
 * @param count its global change count (all instances)
 * @param openedMs when its first change arrived (epoch ms), 0 when empty
 */
public record WindowPlan(String entryWindowId, WindowCloseReason callerWindowClosed, List<Close> closes,
        String windowId, long count, long openedMs) {

    public record Close(String windowId, WindowCloseReason reason, int take) {
    }

    /** Reads the script's flat reply: entry, caller reason, window id, count, opened, then id/reason/take triples. */
    public static WindowPlan fromReply(List<?> reply) {
        if (reply.size() < 5 || (reply.size() - 5) % 3 != 0) {
            throw new IllegalStateException("unexpected window script reply: " + reply);
        }
        List<Close> closes = new ArrayList<>();
        for (int i = 5; i < reply.size(); i += 3) {
            closes.add(new Close(str(reply.get(i)), reason(str(reply.get(i + 1))), (int) num(reply.get(i + 2))));
        }
        String callerReason = str(reply.get(1));
        return new WindowPlan(str(reply.get(0)), callerReason.isEmpty() ? null : reason(callerReason),
                List.copyOf(closes), str(reply.get(2)), num(reply.get(3)), num(reply.get(4)));
    }

    static WindowCloseReason reason(String label) {
        return WindowCloseReason.valueOf(label.toUpperCase(Locale.ROOT));
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static long num(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        return o == null || o.toString().isEmpty() ? 0 : Long.parseLong(o.toString());
    }
}
