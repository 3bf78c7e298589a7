package io.spillway.consumer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.change.ChangeEvent;
import io.spillway.change.KafkaCoordinates;
import io.spillway.change.Op;
import io.spillway.change.RowSchema;
import io.spillway.change.SourcePosition;
import io.spillway.change.TableId;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PausedTable;
import io.spillway.pipeline.failure.FailureKind;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Bisection against a fake target that refuses some offsets for good. */
class WindowIsolationTest {
    /** A target that loads a part unless it holds a refused offset; it remembers what it loaded, in order. */
    private static final class FakeTarget implements WindowIsolation.Load {
        final Set<Long> refused;
        final List<Long> loaded = new ArrayList<>();
        int calls;
        Long timeoutAtCall;

        FakeTarget(Set<Long> refused) {
            this.refused = refused;
        }

        @Override
        public JobResult run(List<ChangeEvent> changes) throws Exception {
            calls++;
            if (timeoutAtCall != null && calls == timeoutAtCall) {
                throw new SQLException("I/O error", "08006", new SocketTimeoutException("Read timed out"));
            }
            if (changes.stream().anyMatch(c -> refused.contains(c.coordinates().offset()))) {
                throw new SQLException("new row violates check constraint \"positive\"", "23514");
            }
            changes.forEach(c -> loaded.add(c.coordinates().offset()));
            return new JobResult(changes.size(), 0, 0);
        }
    }

    private static List<ChangeEvent> changes(int count) {
        return IntStream.range(0, count).mapToObj(i -> new ChangeEvent(Op.CREATE, new TableId("db", "public", "t"),
                new SourcePosition(1000L + i, 1L, 0L, false), null, null, null, RowSchema.UNKNOWN,
                new KafkaCoordinates("db.public.t", 0, i), 10)).toList();
    }

    private static List<Long> offsets(List<WindowIsolation.Refused> refused) {
        return refused.stream().map(r -> r.change().coordinates().offset()).toList();
    }

    @Test
    void theRefusedChangesAreFoundAndEveryOtherChangeLoadsInSourceOrder() throws Exception {
        FakeTarget target = new FakeTarget(Set.of(3L, 17L, 18L, 99L));
        WindowIsolation.Outcome outcome = WindowIsolation.isolate(changes(100), true, target);

        assertThat(offsets(outcome.refused())).containsExactly(3L, 17L, 18L, 99L);
        assertThat(outcome.refused()).allSatisfy(r -> {
            assertThat(r.failure().kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(r.failure().sqlState()).isEqualTo("23514");
        });
        List<Long> expected = IntStream.range(0, 100).mapToObj(i -> (long) i)
                .filter(o -> !Set.of(3L, 17L, 18L, 99L).contains(o)).toList();
        assertThat(target.loaded).containsExactlyElementsOf(expected); // each once, in source order
        assertThat(outcome.loadedChanges()).isEqualTo(96);
        assertThat(outcome.loaded().rowsUpserted()).isEqualTo(96);
        assertThat(outcome.loads()).isEqualTo(target.calls).isLessThan(4 * 2 * 8);
    }

    @Test
    void aWindowThatLoadsIsLoadedInOneCall() throws Exception {
        FakeTarget target = new FakeTarget(Set.of());
        WindowIsolation.Outcome outcome = WindowIsolation.isolate(changes(10), true, target);
        assertThat(outcome.refused()).isEmpty();
        assertThat(target.calls).isEqualTo(1);
        assertThat(target.loaded).hasSize(10);
    }

    @Test
    void aSingleRefusedChangeIsRefusedAlone() throws Exception {
        WindowIsolation.Outcome outcome = WindowIsolation.isolate(changes(1), true, new FakeTarget(Set.of(0L)));
        assertThat(offsets(outcome.refused())).containsExactly(0L);
        assertThat(outcome.loadedChanges()).isZero();
    }

    @Test
    void aJobThatCannotLoadPartsHasTheWholeWindowRefused() throws Exception {
        FakeTarget target = new FakeTarget(Set.of(2L));
        WindowIsolation.Outcome outcome = WindowIsolation.isolate(changes(5), false, target);
        assertThat(offsets(outcome.refused())).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(target.calls).isEqualTo(1);
        assertThat(target.loaded).isEmpty();
    }

    @Test
    void aTransientFailureDuringIsolationRefusesNothingAndIsThrown() {
        FakeTarget target = new FakeTarget(Set.of(5L));
        target.timeoutAtCall = 3L;
        assertThatThrownBy(() -> WindowIsolation.isolate(changes(20), true, target))
                .isInstanceOf(WindowIsolation.TransientFailure.class)
                .hasRootCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void changesAPartSetsAsideAreRefusedAsSchemaChangeWithoutBisectingThem() throws Exception {
        List<Long> loaded = new ArrayList<>();
        WindowIsolation.Outcome outcome = WindowIsolation.isolate(changes(8), true, part -> {
            if (part.stream().anyMatch(c -> c.coordinates().offset() == 6)) {
                throw new SQLException("new row violates check constraint \"positive\"", "23514");
            }
            List<ChangeEvent> setAside = part.stream().filter(c -> c.coordinates().offset() % 2 == 1).toList();
            part.stream().filter(c -> !setAside.contains(c)).forEach(c -> loaded.add(c.coordinates().offset()));
            return new JobResult(part.size() - setAside.size(), 0, 0, setAside.isEmpty() ? List.of()
                    : List.of(new PausedTable("public.t", "fix the target", setAside)));
        });

        assertThat(offsets(outcome.refused())).containsExactlyInAnyOrder(1L, 3L, 5L, 6L, 7L);
        assertThat(loaded).containsExactly(0L, 2L, 4L);
        assertThat(outcome.loadedChanges()).isEqualTo(3);
        outcome.refused().stream().filter(r -> r.change().coordinates().offset() != 6).forEach(r -> {
            assertThat(r.failure().reason()).isEqualTo("schema_change: fix the target");
            assertThat(r.failure().errorClass()).isEqualTo("SchemaChange");
            assertThat(r.failure().kind()).isEqualTo(FailureKind.PERMANENT);
        });
    }
}
