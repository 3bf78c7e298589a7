package io.spillway.consumer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.consumer.ConsumerKeys;
import io.spillway.consumer.run.RunHistory;
import io.spillway.consumer.run.RunRecord;
import io.spillway.consumer.run.TestRuns;
import io.spillway.redis.Redis;
import io.spillway.support.StackIT;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A poll's runs reach the history with the next poll's Redis call, in the same write (one round trip), or
 * alone when flushed; none is lost when that call fails.
 */
class PendingRunsIT extends StackIT {
    private static final int POLLS = 60;

    @Autowired
    RunHistory history;

    @Autowired
    Redis redis;

    private static String consumerId() {
        return "pending-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private List<String> stored(String consumerId) {
        return history.page(consumerId, 500, 0).runs().stream().map(RunRecord::runId).toList();
    }

    /** Read events on Redis's client sockets: one per round trip (commands that arrive together count once). */
    private long reads() {
        String info = redis.call(cmds -> cmds.info("stats"));
        return info.lines().filter(l -> l.startsWith("total_reads_processed:"))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElseThrow();
    }

    @Test
    void runsTravelWithTheNextCallInItsRoundTrip() throws Exception {
        String consumerId = consumerId();
        PendingRuns runs = new PendingRuns(consumerId, history);
        String probe = ConsumerKeys.runs(consumerId) + ":probe";
        long before = reads();
        for (int poll = 0; poll < POLLS; poll++) {
            runs.add(List.of(TestRuns.succeeded(consumerId, 2 * poll),
                    TestRuns.succeeded(consumerId, 2 * poll + 1)));
            assertThat(runs.isEmpty()).isFalse();
            // stands in for the poll's counting script: a call on the service's connection that waits for its reply
            long counted = runs.alongside(() -> redis.call(cmds -> cmds.incr(probe)));
            assertThat(counted).isEqualTo(poll + 1);
            assertThat(runs.isEmpty()).isTrue();
        }
        long roundTrips = reads() - before - 1; // the second INFO
        redis.call(cmds -> cmds.del(probe));

        assertThat(stored(consumerId)).hasSize(2 * POLLS).first().isEqualTo("run-" + (2 * POLLS - 1));
        // Separately (LPUSH, then the call) that would be 2 per poll; a little slack for the service's own
        // background calls (reconciler, metrics) on the same Redis meanwhile.
        assertThat(roundTrips).as("Redis reads for %d polls", POLLS).isLessThan(POLLS * 3 / 2);
    }

    @Test
    void runsStayPendingUntilACallReachesRedisAndFlushStoresTheRest() throws Exception {
        String consumerId = consumerId();
        String probe = ConsumerKeys.runs(consumerId) + ":probe";
        PendingRuns runs = new PendingRuns(consumerId, history);
        runs.add(List.of(TestRuns.succeeded(consumerId, 0)));
        assertThat(stored(consumerId)).as("not stored before the next call").isEmpty();

        assertThatThrownBy(() -> runs.alongside(() -> {
            throw new IllegalStateException("failed before calling Redis");
        })).hasMessage("failed before calling Redis");
        assertThat(runs.isEmpty()).as("nothing was sent: still pending").isFalse();
        assertThat(stored(consumerId)).isEmpty();

        assertThatThrownBy(() -> runs.alongside(() -> redis.call(cmds -> {
            cmds.incr(probe);
            throw new IllegalStateException("failed after its Redis call");
        }))).hasMessage("failed after its Redis call");
        assertThat(stored(consumerId)).as("sent with that call").containsExactly("run-0");

        runs.add(List.of(TestRuns.succeeded(consumerId, 1), TestRuns.succeeded(consumerId, 2)));
        runs.flush();
        assertThat(runs.isEmpty()).isTrue();
        assertThat(stored(consumerId)).containsExactly("run-2", "run-1", "run-0");
        redis.call(cmds -> cmds.del(probe));
    }
}
