package io.spillway.debezium;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Translates the seed's snake_case config keys into Kafka Connect's names. Dotted keys pass unchanged.
 * Otherwise, in order: the explicit table of the PostgreSQL connector's (and Connect's own) keys; the
 * config names the connector plugin declares, compared with '.' and '-' read as '_'; and last, every
 * '_' read as '.' (right for most keys, which is why the first two come first: a camelCase key such
 * as {@code database.tcpKeepAlive} or a plugin's own names would otherwise be guessed).
 */
final class ConnectorConfigKeys {
    /** Connect's names as the PostgreSQL connector and the Connect worker spell them. */
    private static final List<String> KNOWN_NAMES = List.of(
            "name", "connector.class", "tasks.max", "key.converter", "value.converter", "header.converter",
            "key.converter.schemas.enable", "value.converter.schemas.enable", "transforms", "predicates",
            "errors.tolerance", "errors.log.enable", "errors.log.include.messages", "errors.retry.timeout",
            "errors.max.retries", "topic.creation.default.replication.factor", "topic.creation.default.partitions",
            "database.hostname", "database.port", "database.user", "database.password", "database.dbname",
            "database.sslmode", "database.sslcert", "database.sslkey", "database.sslpassword",
            "database.sslrootcert", "database.sslfactory", "database.tcpKeepAlive", "database.initial.statements",
            "database.query.timeout.ms", "topic.prefix", "topic.naming.strategy", "topic.delimiter",
            "topic.heartbeat.prefix", "topic.transaction", "schema.include.list", "schema.exclude.list",
            "table.include.list", "table.exclude.list", "column.include.list", "column.exclude.list",
            "message.key.columns", "publication.name", "publication.autocreate.mode", "publish.via.partition.root",
            "replica.identity.autoset.values", "plugin.name", "slot.name", "slot.drop.on.stop",
            "slot.stream.params", "slot.max.retries", "slot.retry.delay.ms", "slot.failover", "snapshot.mode",
            "snapshot.locking.mode", "snapshot.isolation.mode", "snapshot.select.statement.overrides",
            "snapshot.fetch.size", "snapshot.delay.ms", "snapshot.max.threads",
            "snapshot.include.collection.list", "heartbeat.interval.ms", "heartbeat.action.query",
            "decimal.handling.mode", "time.precision.mode", "hstore.handling.mode", "interval.handling.mode",
            "binary.handling.mode", "include.unknown.datatypes", "tombstones.on.delete", "max.batch.size",
            "max.queue.size", "max.queue.size.in.bytes", "poll.interval.ms", "status.update.interval.ms",
            "provide.transaction.metadata", "skipped.operations", "signal.data.collection",
            "signal.enabled.channels", "notification.enabled.channels", "incremental.snapshot.chunk.size",
            "flush.lsn.source", "event.processing.failure.handling.mode", "field.name.adjustment.mode",
            "schema.name.adjustment.mode", "money.fraction.digits", "unavailable.value.placeholder",
            "retriable.restart.connector.wait.ms", "custom.metric.tags", "converters", "schema.refresh.mode");
    private static final Map<String, String> KNOWN = KNOWN_NAMES.stream()
            .collect(Collectors.toUnmodifiableMap(ConnectorConfigKeys::snake, Function.identity()));

    private ConnectorConfigKeys() {
    }

    /**
     * Connect's name for one request key.
     *
     * @param pluginNames the config names the connector plugin declares (empty when unknown)
     */
    static String connectKey(String requestKey, Collection<String> pluginNames) {
        if (requestKey.contains(".")) {
            return requestKey;
        }
        String known = KNOWN.get(requestKey);
        if (known != null) {
            return known;
        }
        String wanted = requestKey.toLowerCase(Locale.ROOT);
        List<String> declared = pluginNames.stream()
                .filter(name -> snake(name).toLowerCase(Locale.ROOT).equals(wanted))
                .toList();
        if (declared.size() == 1) {
            return declared.get(0);
        }
        return requestKey.replace('_', '.');
    }

    private static String snake(String dotted) {
        return dotted.replace('.', '_').replace('-', '_');
    }
}
