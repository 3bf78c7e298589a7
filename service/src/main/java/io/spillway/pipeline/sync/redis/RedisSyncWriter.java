package io.spillway.pipeline.sync.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.spillway.change.Column;
import io.spillway.change.ChangeEvent;
import io.spillway.egress.EgressPolicy;
import io.spillway.egress.EgressSocketAddressResolver;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.RedisTarget;
import io.spillway.pipeline.TargetTimeouts;
import io.spillway.pipeline.postgres.PgValueText;
import io.spillway.pipeline.sync.TableChanges;
import io.spillway.redis.RedisTargetTls;
import io.spillway.secret.Secrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Keeps one hash per source row in a Redis target: fields are the columns' text values (NULLs are absent)
 * plus {@code __spillway_lsn}. Each write is a small script that skips a version older than the stored
 * one, so replays are idempotent; all writes of a window go out pipelined, in chunks. A row with
 * unavailable columns (unchanged TOASTed values) keeps the stored fields of those columns.
 *
 * <p>A truncate first moves the table's truncate watermark ({@link RedisRowKeys#truncateKey}) to its LSN, then
 * deletes the table's keys; a truncate not newer than the watermark is a replay and deletes nothing. Every
 * write reads the watermark in its script and skips a change not newer than it (changes without an LSN are
 * not guarded), so a replayed window from before a truncate brings no row back.
 */
public final class RedisSyncWriter implements AutoCloseable {
    static final String LSN_FIELD = "__spillway_lsn";
    private static final int CHUNK = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * ARGV: lsn, then name/value pairs. An LSN of 0 is a read without a position (an incremental snapshot's):
     * it follows every change of its row it reflects, so it replaces the hash and keeps the stored version.
     */
    private static final String UPSERT = """
            local truncated = redis.call('GET', KEYS[2])
            if truncated and tonumber(truncated) >= tonumber(ARGV[1]) and tonumber(ARGV[1]) > 0 then return 0 end
            local current = redis.call('HGET', KEYS[1], '__spillway_lsn')
            local lsn = ARGV[1]
            if current and tonumber(current) > tonumber(lsn) then
              if tonumber(lsn) ~= 0 then return 0 end
              lsn = current
            end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], '__spillway_lsn', lsn, unpack(ARGV, 2))
            return 1""";
    /** ARGV: lsn, the number n of fields to keep, those n names, then name/value pairs to set. */
    private static final String UPSERT_KEEPING = """
            local truncated = redis.call('GET', KEYS[2])
            if truncated and tonumber(truncated) >= tonumber(ARGV[1]) and tonumber(ARGV[1]) > 0 then return 0 end
            local current = redis.call('HGET', KEYS[1], '__spillway_lsn')
            if current and tonumber(current) > tonumber(ARGV[1]) then return 0 end
            local n = tonumber(ARGV[2])
            local kept = {}
            for i = 3, 2 + n do
              local value = redis.call('HGET', KEYS[1], ARGV[i])
              if value then table.insert(kept, ARGV[i]); table.insert(kept, value) end
            end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], '__spillway_lsn', ARGV[1], unpack(ARGV, 3 + n))
            if #kept > 0 then redis.call('HSET', KEYS[1], unpack(kept)) end
            return 1""";
    private static final String DELETE = """
            local truncated = redis.call('GET', KEYS[2])
            if truncated and tonumber(truncated) >= tonumber(ARGV[1]) and tonumber(ARGV[1]) > 0 then return 0 end
            local current = redis.call('HGET', KEYS[1], '__spillway_lsn')
            if current and tonumber(current) > tonumber(ARGV[1]) then return 0 end
            return redis.call('DEL', KEYS[1])""";

    /** Moves the table's truncate watermark (KEYS[1]) to ARGV[1]; 0 when a truncate as new was applied already. */
    private static final String TRUNCATE_MARK = """
            local truncated = redis.call('GET', KEYS[1])
            if truncated and tonumber(truncated) >= tonumber(ARGV[1]) then return 0 end
            redis.call('SET', KEYS[1], ARGV[1])
            return 1""";

    /** One client per URL and egress policy. */
    private record ClientKey(String url, EgressPolicy egress) {
        @Override
        public String toString() {
            return "ClientKey[" + Secrets.redactUrl(url) + "]";
        }
    }

    private final Map<ClientKey, RedisClient> clients = new ConcurrentHashMap<>();

    /**
     * A client whose connect and commands time out, so a Redis that stops answering fails the job, and whose
     * every connect resolves and checks the host against the egress policy (its own resources: the resolver).
     */
    private static RedisClient client(ClientKey key) {
        TargetTimeouts timeouts = TargetTimeouts.current();
        RedisURI uri = RedisURI.create(key.url());
        uri.setTimeout(timeouts.redisCommand());
        ClientResources resources = DefaultClientResources.builder()
                .socketAddressResolver(new EgressSocketAddressResolver(key.egress())).build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(timeouts.connect()).build())
                .sslOptions(RedisTargetTls.current()).build());
        return client;
    }

    public JobResult apply(RedisTarget target, List<TableChanges> tables) throws Exception {
        RedisClient client = clients.computeIfAbsent(new ClientKey(target.url(), target.egress()),
                RedisSyncWriter::client);
        long upserted = 0;
        long deleted = 0;
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> redis = connection.async();
            String upsertSha = redis.scriptLoad(UPSERT).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String deleteSha = redis.scriptLoad(DELETE).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            // Loaded only for a window that has rows with unavailable columns: no extra round trip otherwise.
            boolean keeping = tables.stream().flatMap(t -> t.rows().stream()).anyMatch(r -> !r.unavailable().isEmpty());
            String keepingSha = keeping ? redis.scriptLoad(UPSERT_KEEPING).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    : null;
            for (TableChanges changes : tables) {
                if (changes.truncated() && markTruncate(connection, target, changes)) {
                    deleteTable(connection, RedisRowKeys.tablePattern(target.keyPrefixOrEmpty(), changes.table()));
                }
            }
            connection.setAutoFlushCommands(false);
            try {
                List<RedisFuture<Long>> pending = new ArrayList<>();
                List<Boolean> isDelete = new ArrayList<>();
                for (TableChanges changes : tables) {
                    String truncateKey = RedisRowKeys.truncateKey(target.keyPrefixOrEmpty(), changes.table());
                    for (TableChanges.RowChange row : changes.rows()) {
                        ChangeEvent event = row.event();
                        JsonNode keyImage = event.key() != null ? event.key() : event.row();
                        String key = RedisRowKeys.rowKey(target.keyPrefixOrEmpty(), changes.table(),
                                changes.primaryKey(), keyImage);
                        String lsn = Long.toString(row.lsn());
                        String[] keys = {key, truncateKey};
                        if (row.isDelete()) {
                            pending.add(redis.evalsha(deleteSha, ScriptOutputType.INTEGER, keys, lsn));
                        } else if (!row.unavailable().isEmpty()) {
                            pending.add(redis.evalsha(keepingSha, ScriptOutputType.INTEGER, keys,
                                    keepingArgs(lsn, changes.columns(), event.after(), row.unavailable())));
                        } else {
                            pending.add(redis.evalsha(upsertSha, ScriptOutputType.INTEGER, keys,
                                    upsertArgs(lsn, changes.columns(), event.after())));
                        }
                        isDelete.add(row.isDelete());
                        if (pending.size() % CHUNK == 0) {
                            connection.flushCommands();
                        }
                    }
                }
                connection.flushCommands();
                if (!LettuceFutures.awaitAll(TIMEOUT, pending.toArray(new RedisFuture[0]))) {
                    throw new RedisCommandTimeoutException("Redis did not answer " + pending.size() + " writes within "
                            + TIMEOUT); // transient: retried, never dead-lettered
                }
                for (int i = 0; i < pending.size(); i++) {
                    if (pending.get(i).get() > 0) {
                        if (isDelete.get(i)) {
                            deleted++;
                        } else {
                            upserted++;
                        }
                    }
                }
            } finally {
                connection.setAutoFlushCommands(true);
            }
        }
        return new JobResult(upserted, deleted, 0);
    }

    private static String[] upsertArgs(String lsn, List<Column> columns, JsonNode after) {
        List<String> args = new ArrayList<>();
        args.add(lsn);
        addFields(args, columns, after, Set.of());
        return args.toArray(new String[0]);
    }

    private static String[] keepingArgs(String lsn, List<Column> columns, JsonNode after, Set<String> unavailable) {
        List<String> args = new ArrayList<>();
        args.add(lsn);
        args.add(Integer.toString(unavailable.size()));
        args.addAll(unavailable);
        addFields(args, columns, after, unavailable);
        return args.toArray(new String[0]);
    }

    /** name, value, ... of the columns that have a value, but for {@code skipped} ones. */
    private static void addFields(List<String> args, List<Column> columns, JsonNode after, Set<String> skipped) {
        for (Column column : columns) {
            if (skipped.contains(column.name())) {
                continue;
            }
            String value = PgValueText.of(column, after.get(column.name()));
            if (value != null) {
                args.add(column.name());
                args.add(value);
            }
        }
    }

    /** Moves the watermark; false when this truncate (or a newer one) was applied already. */
    private static boolean markTruncate(StatefulRedisConnection<String, String> connection, RedisTarget target,
            TableChanges changes) {
        if (changes.truncateLsn() <= 0) {
            return true; // no position: applied as before, without a watermark
        }
        Long moved = connection.sync().eval(TRUNCATE_MARK, ScriptOutputType.INTEGER,
                new String[] {RedisRowKeys.truncateKey(target.keyPrefixOrEmpty(), changes.table())},
                Long.toString(changes.truncateLsn()));
        return moved != null && moved > 0;
    }

    private static void deleteTable(StatefulRedisConnection<String, String> connection, String pattern) {
        var sync = connection.sync();
        ScanCursor cursor = ScanCursor.INITIAL;
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(1000);
        do {
            KeyScanCursor<String> page = sync.scan(cursor, args);
            if (!page.getKeys().isEmpty()) {
                sync.unlink(page.getKeys().toArray(new String[0]));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    @Override
    public void close() {
        clients.values().forEach(client -> {
            client.shutdown();
            client.getResources().shutdown();
        });
        clients.clear();
    }
}
