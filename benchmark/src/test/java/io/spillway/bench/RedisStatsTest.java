package io.spillway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisStatsTest {
    @Test
    void commandStatsAreReadAndDiffedLargestFirst() {
        Map<String, Long> before = RedisStats.commandCalls("""
                # Commandstats\r
                cmdstat_evalsha:calls=10,usec=500,usec_per_call=50.00,rejected_calls=0,failed_calls=0\r
                cmdstat_get:calls=3,usec=9,usec_per_call=3.00,rejected_calls=0,failed_calls=0\r
                """);
        Map<String, Long> after = RedisStats.commandCalls("""
                # Commandstats\r
                cmdstat_evalsha:calls=650,usec=500,usec_per_call=50.00,rejected_calls=0,failed_calls=0\r
                cmdstat_get:calls=3,usec=9,usec_per_call=3.00,rejected_calls=0,failed_calls=0\r
                cmdstat_lpush:calls=12,usec=9,usec_per_call=3.00,rejected_calls=0,failed_calls=0\r
                """);
        assertThat(before).containsEntry("evalsha", 10L).containsEntry("get", 3L);
        assertThat(RedisStats.callsBetween(before, after)).isEqualTo("evalsha 640, lpush 12");
    }
}
