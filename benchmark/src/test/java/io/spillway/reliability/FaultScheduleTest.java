package io.spillway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
    private static final List<Fault> FAULTS = Fault.parse("all", 3, Duration.ofSeconds(30));

    @Test
    void theSameSeedPlansTheSameRun() {
        assertThat(FaultSchedule.plan(FAULTS, Duration.ofSeconds(600), 7))
                .isEqualTo(FaultSchedule.plan(FAULTS, Duration.ofSeconds(600), 7))
                .isNotEqualTo(FaultSchedule.plan(FAULTS, Duration.ofSeconds(600), 8));
    }

    @Test
    void everyFaultStrikesOnceAfterAPauseAroundAnEvenShareOfTheDuration() {
        List<FaultSchedule.Planned> plan = FaultSchedule.plan(FAULTS, Duration.ofSeconds(600), 1);
        assertThat(plan).map(FaultSchedule.Planned::fault).containsExactlyInAnyOrderElementsOf(FAULTS);
        long share = 600_000 / (FAULTS.size() + 1);
        assertThat(plan).allSatisfy(p -> assertThat(p.pauseBefore().toMillis()).isBetween(share / 2, share * 3 / 2));
    }
}
