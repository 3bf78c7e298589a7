package io.spillway.consumer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.CommandType;
import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.ConsumerKeys;
import io.spillway.devstack.SharedDevstack;
import io.spillway.redis.Redis;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The LTRIM rides with every LPUSH; when Redis refuses it (here an ACL user without LTRIM) the runs are stored
 * all the same and not pushed a second time, reads still show at most the history size, and the next push
 * whose trim goes through bounds the list again. On a database of its own.
 */
class RunHistoryTrimIT {
    private static final int SIZE = 500;

    @Test
    void aRefusedTrimLeavesTheRunsStoredOnceAndTheNextTrimBoundsTheList() {
        String admin = SharedDevstack.get().redis().adminUrl();
        String user = "history-" + UUID.randomUUID().toString().substring(0, 8);
        RedisClient adminClient = RedisClient.create(admin);
        RedisURI restricted = RedisURI.create(admin);
        restricted.setAuthentication(user, "no-trim-" + user);
        restricted.setDatabase(6);
        RedisClient userClient = RedisClient.create(restricted);
        try (var adminConnection = adminClient.connect()) {
            RedisCommands<String, String> cmds = adminConnection.sync();
            cmds.aclSetuser(user, AclSetuserArgs.Builder.on().addPassword("no-trim-" + user).allKeys()
                    .allChannels().allCommands().removeCommand(CommandType.LTRIM));
            String url = restricted.toURI().toString();
            SpillwayProperties properties = new SpillwayProperties("localhost:1", "http://localhost:1/connectors",
                    url, null, 0, new SpillwayProperties.Consumer(0, 1000, 60000, SIZE, 5000, 250, 50, true), null,
                    null, null, null, null);
            Redis redis = new Redis(userClient, properties);
            RunHistory history = new RunHistory(redis, JsonMapper.builder().build(), properties, List.of());
            String consumerId = "trim-" + user;
            String key = ConsumerKeys.runs(consumerId);
            int n = 0;
            for (int push = 0; push < 3; push++) {
                List<RunRecord> runs = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    runs.add(TestRuns.succeeded(consumerId, n++));
                }
                history.store(runs); // the LTRIM is refused: logged, not thrown
            }
            long stored = redis.call(c -> c.llen(key));
            assertThat(stored).as("every run stored once, none trimmed").isEqualTo(900);
            assertThat(history.page(consumerId, 1000, 0).total()).as("reads show the history size").isEqualTo(SIZE);
            assertThat(history.latest(consumerId).runId()).isEqualTo("run-899");

            cmds.aclSetuser(user, AclSetuserArgs.Builder.addCommand(CommandType.LTRIM));
            history.store(List.of(TestRuns.succeeded(consumerId, n)));
            long trimmed = redis.call(c -> c.llen(key));
            assertThat(trimmed).as("the next push trims").isEqualTo(SIZE);
            assertThat(history.latest(consumerId).runId()).isEqualTo("run-900");
            redis.call(c -> c.del(key));
            cmds.aclDeluser(user);
        } finally {
            userClient.shutdown();
            adminClient.shutdown();
        }
    }
}
