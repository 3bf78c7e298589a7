package io.spillway.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a window closed: it held max_event changes, it was max_time old, a user asked, or memory ran out. */
public enum WindowCloseReason {
    COUNT, TIME, MANUAL, MEMORY;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
