package io.spillway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.spillway.config.SpillwayProperties;
import io.spillway.devstack.SharedDevstack;
import org.junit.jupiter.api.Test;

/**
 * A data loss stays reported until the instance has written back what it knows: until then the marker does
 * not count as unchanged, so a definition not found meanwhile is taken for lost, not for deleted (a
 * connection looked up during the write-back used to be forgotten, and never written back). On a database
 * of its own, so no other instance of this JVM sees the loss.
 */
class DataMarkerIT {
    @Test
    void aLossStaysReportedUntilItIsHandled() {
        String url = SharedDevstack.get().redis().url() + "/5";
        RedisClient client = RedisClient.create(url);
        try {
            Redis redis = new Redis(client, new SpillwayProperties("localhost:1", "http://localhost:1/connectors",
                    url, null, 0, null, null, null, null, null, null));
            redis.call(cmds -> cmds.del(DataMarker.KEY));
            DataMarker marker = new DataMarker(redis);
            marker.ensure();
            assertThat(marker.lossSeen()).as("the first look").isNull();
            assertThat(marker.unchanged()).isTrue();

            redis.call(cmds -> cmds.set(DataMarker.KEY, "written-by-another-instance-after-a-flush"));
            String loss = marker.lossSeen();
            assertThat(loss).isEqualTo("written-by-another-instance-after-a-flush");
            assertThat(marker.unchanged()).as("while this instance writes back").isFalse();
            assertThat(marker.lossSeen()).as("not handled yet: reported again").isEqualTo(loss);
            marker.handled(loss);
            assertThat(marker.unchanged()).isTrue();
            assertThat(marker.lossSeen()).isNull();

            redis.call(cmds -> cmds.del(DataMarker.KEY));
            String missing = marker.lossSeen();
            assertThat(missing).as("a missing marker is a loss, and is created again").isNotNull()
                    .isEqualTo(redis.call(cmds -> cmds.get(DataMarker.KEY)));
            assertThat(marker.unchanged()).isFalse();
            marker.handled(missing);
            assertThat(marker.unchanged()).isTrue();
            redis.call(cmds -> cmds.flushdb());
        } finally {
            client.shutdown();
        }
    }
}
