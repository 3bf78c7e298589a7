package io.spillway.consumer.window;

import io.lettuce.core.ScriptOutputType;
import io.spillway.change.ChangeEvent;
import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.ConsumerKeys;
import io.spillway.pipeline.WindowCloseReason;
import io.spillway.redis.Redis;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The pipeline's window counter in Redis: one script call (EVALSHA) per Kafka poll counts the poll's
 * changes, closes windows on count, time or a forced reason, and answers with a {@link WindowPlan}. The
 * script keeps, per partition, the offsets counted into the open window ({@link CountedRanges}), so changes
 * read again after a crash join that window without being counted twice.
 */
@Component
public class WindowCounter {
    /**
     * Closed windows remembered per pipeline. An instance that held part of a window learns why it closed
     * from here on its next poll (within poll-timeout-ms, or after a paused retry); one that comes back
     * later than this many windows joins the open window instead, losing nothing. This is what bounds
     * Redis per pipeline whatever the window rate.
     */
    public static final int CLOSED_WINDOWS_KEPT = 1_000;
    /** An idle pipeline's closed-window hash expires after a day. */
    static final long CLOSED_TTL_SECONDS = 86_400;
    /** KEYS: pipeline hash, counted ranges; ARGV: window id, its size, then the partitions it held. */
    private static final String FORGET = """
            if redis.call('HGET', KEYS[1], 'window_id') == ARGV[1] then
              local c = tonumber(redis.call('HGET', KEYS[1], 'window_count') or '0') - tonumber(ARGV[2])
              if c < 0 then c = 0 end
              redis.call('HSET', KEYS[1], 'window_count', c)
              -- Those changes will be counted again when read again: they are no longer counted ranges.
              for i = 3, #ARGV do
                local m = redis.call('HGET', KEYS[2], ARGV[i])
                if m and string.sub(m, 1, #ARGV[1] + 1) == ARGV[1] .. ' ' then redis.call('HDEL', KEYS[2], ARGV[i]) end
              end
              return c
            end
            return -1""";

    private final Redis redis;
    private final PipelineKeyMigration migration;
    private final String script;
    private volatile String sha;

    public WindowCounter(Redis redis, PipelineKeyMigration migration) {
        this.redis = redis;
        this.migration = migration;
        try (InputStream in = WindowCounter.class.getResourceAsStream("window-counter.lua")) {
            this.script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Counts {@code changes} (the counted changes of one poll, in order) into the window.
     *
     * @param open this instance's open window, or null
     * @param force a reason to close the window after counting (manual, memory), or null
     * @param deadLettered records of this poll sent to the dead-letter topic
     */
    public WindowPlan count(ConsumerDefinition definition, LocalWindow open, List<ChangeEvent> changes,
            WindowCloseReason force, int deadLettered, Instant now) {
        migration.migrateOnce(definition.pipelineName());
        String pipelineKey = ConsumerKeys.pipeline(definition.pipelineName());
        boolean holding = open != null && !open.isEmpty();
        ChangeEvent last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
        String[] keys = {pipelineKey, ConsumerKeys.closedWindows(definition.pipelineName()),
                ConsumerKeys.countedRanges(definition.pipelineName())};
        List<String> argList = new ArrayList<>(List.of(
                String.valueOf(now.toEpochMilli()), now.toString(), String.valueOf(changes.size()),
                String.valueOf(definition.maxEvent()), String.valueOf(definition.maxTime() * 1000L),
                force == null ? "" : force.label(),
                holding ? open.windowId() : "", holding ? String.valueOf(open.size()) : "0",
                holding ? String.valueOf(open.openedAt().toEpochMilli()) : "0",
                String.valueOf(CLOSED_WINDOWS_KEPT), String.valueOf(CLOSED_TTL_SECONDS),
                last == null ? "" : last.op().code(),
                last == null ? "" : nullToEmpty(last.table().table()),
                last == null ? "" : nullToEmpty(last.table().schema()),
                last == null ? "" : nullToEmpty(last.table().database()),
                String.valueOf(deadLettered), definition.consumerId(), definition.pipelineName()));
        argList.addAll(CountedRanges.args(changes, holding ? open : null));
        String[] args = argList.toArray(new String[0]);
        List<Object> reply = redis.call(cmds -> {
            if (sha == null) {
                sha = cmds.scriptLoad(script);
            }
            try {
                return cmds.evalsha(sha, ScriptOutputType.MULTI, keys, args);
            } catch (io.lettuce.core.RedisNoScriptException e) {
                // Redis restarted (or SCRIPT FLUSH): load it again once.
                sha = cmds.scriptLoad(script);
                return cmds.evalsha(sha, ScriptOutputType.MULTI, keys, args);
            }
        });
        return WindowPlan.fromReply(reply);
    }

    /** Takes a dropped window's changes back out of the global count (they will be read again). */
    public void forget(ConsumerDefinition definition, LocalWindow dropped) {
        if (dropped == null || dropped.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of(dropped.windowId(), String.valueOf(dropped.size())));
        dropped.firstOffsets().keySet().forEach(tp -> args.add(CountedRanges.field(tp)));
        redis.call(cmds -> cmds.eval(FORGET, ScriptOutputType.INTEGER,
                new String[] {ConsumerKeys.pipeline(definition.pipelineName()),
                        ConsumerKeys.countedRanges(definition.pipelineName())},
                args.toArray(new String[0])));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
