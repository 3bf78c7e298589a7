package io.spillway.deadletter;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Which dead letters to send back to their source topic, by the coordinates the list shows.
 *
 * @param letters at most {@value #MAX_LETTERS} letters
 */
public record ReplayRequest(@NotEmpty @Size(max = MAX_LETTERS) List<@Valid @NotNull Letter> letters) {
    public static final int MAX_LETTERS = 1_000;

    /** One letter: its dead-letter topic, partition and offset. */
    public record Letter(@NotNull @Size(max = 260) String topic, @PositiveOrZero int partition,
            @PositiveOrZero long offset) {
    }
}
