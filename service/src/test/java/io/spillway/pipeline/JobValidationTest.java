package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.api.NotFoundException;
import io.spillway.pipeline.append.AppendJob;
import io.spillway.pipeline.sync.SyncJob;
import io.spillway.pipeline.trigger.TriggerJob;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobValidationTest {
    private static final Map<String, Target> CONNECTIONS = Map.of(
            "pg", new PostgresTarget("jdbc:postgresql://h/db", "u", "secret", "s"),
            "cache", new RedisTarget("redis://h:6379", "p:"),
            "hook", new HttpTarget("http://h/hook", "POST", Map.of(), 1000, null),
            "bad-template", new HttpTarget("http://h/hook", "POST", Map.of(), 1000, "{\"x\": \"{{nope}}\"}"));
    private static final TargetResolver resolver = id -> {
        Target target = CONNECTIONS.get(id);
        if (target == null) {
            throw new NotFoundException("connection '" + id + "' does not exist");
        }
        return target;
    };

    private static JobContext on(String connection) {
        return new JobContext("c", "p", connection, null);
    }

    @Test
    void syncTakesPostgresOrRedisOnly() {
        SyncJob sync = new SyncJob(resolver);
        assertThat(sync.validate(on("pg"))).isEmpty();
        assertThat(sync.validate(on("cache"))).isEmpty();
        assertThat(sync.validate(on("hook"))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("job_type 'sync'", "postgres or redis", "'hook'", "type http"));
    }

    @Test
    void appendTakesPostgresOnly() {
        AppendJob append = new AppendJob(resolver);
        assertThat(append.validate(on("pg"))).isEmpty();
        assertThat(append.validate(on("cache"))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("job_type 'append'", "type postgres", "type redis"));
    }

    @Test
    void triggerTakesHttpOnlyWithKnownPlaceholders() {
        TriggerJob trigger = new TriggerJob(resolver);
        assertThat(trigger.validate(on("hook"))).isEmpty();
        assertThat(trigger.validate(on("pg"))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("job_type 'trigger'", "type http", "type postgres"));
        assertThat(trigger.validate(on("bad-template"))).hasValueSatisfying(r -> assertThat(r).contains("nope"));
    }

    @Test
    void anUnknownConnectionIsAReasonNotACrash() {
        assertThat(new SyncJob(resolver).validate(on("missing"))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("'missing'", "does not exist"));
    }

    @Test
    void targetsNeverPrintPasswords() {
        assertThat(CONNECTIONS.get("pg").toString()).doesNotContain("secret").contains("****");
        assertThat(new RedisTarget("redis://user:pw@h:1", "").toString()).doesNotContain("pw");
    }
}
