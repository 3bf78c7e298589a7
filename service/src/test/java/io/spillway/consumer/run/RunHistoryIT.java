package io.spillway.consumer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.consumer.ConsumerKeys;
import io.spillway.redis.Redis;
import io.spillway.support.StackIT;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Runs are stored a poll at a time (one LPUSH), newest first, and never show more than the history size. */
class RunHistoryIT extends StackIT {
    private static final int SIZE = 500;

    @Autowired
    RunHistory history;

    @Autowired
    Redis redis;

    @Test
    void aPollsRunsAreStoredNewestFirstAndTheHistoryStaysBounded() {
        String consumerId = "history-" + UUID.randomUUID().toString().substring(0, 8);
        int n = 0;
        for (int poll = 0; poll < 13; poll++) {
            List<RunRecord> runs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                runs.add(TestRuns.succeeded(consumerId, n++));
            }
            history.addAll(runs);
        }
        RunHistory.Page page = history.page(consumerId, 500, 0);
        assertThat(page.total()).isEqualTo(SIZE);
        assertThat(page.runs()).hasSize(SIZE);
        assertThat(page.runs().get(0).runId()).as("the newest run first").isEqualTo("run-649");
        assertThat(page.runs().get(SIZE - 1).runId()).isEqualTo("run-150");
        assertThat(history.page(consumerId, 10, 495).runs()).extracting(RunRecord::runId)
                .containsExactly("run-154", "run-153", "run-152", "run-151", "run-150");
        assertThat(history.page(consumerId, 10, SIZE).runs()).isEmpty();
        long stored = redis.call(cmds -> cmds.llen(ConsumerKeys.runs(consumerId)));
        assertThat(stored).as("every push trims").isEqualTo(SIZE);
        assertThat(history.latest(consumerId).runId()).isEqualTo("run-649");
    }
}
