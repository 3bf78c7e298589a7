package io.spillway.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * When each fault strikes: the faults in a seeded random order, each after a seeded random pause (half
 * to one and a half times an even share of the duration) counted from the previous fault's recovery.
 */
final class FaultSchedule {
    record Planned(Fault fault, Duration pauseBefore) {
    }

    private FaultSchedule() {
    }

    static List<Planned> plan(List<Fault> faults, Duration duration, long seed) {
        Random random = new Random(seed);
        List<Fault> order = new ArrayList<>(faults);
        Collections.shuffle(order, random);
        long share = duration.toMillis() / (order.size() + 1);
        List<Planned> plan = new ArrayList<>();
        for (Fault fault : order) {
            long pause = (long) (share * (0.5 + random.nextDouble()));
            plan.add(new Planned(fault, Duration.ofMillis(pause)));
        }
        return plan;
    }
}
