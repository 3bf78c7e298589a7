package io.spillway.connection;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A registered target: where a pipeline loads its changes (postgres, redis) or whom it calls (http).
 * The JSON form carries a {@code type} field naming the kind; the records hold the secrets in clear,
 * so what leaves the service is always {@link #redacted()}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PostgresConnection.class, name = PostgresConnection.TYPE),
        @JsonSubTypes.Type(value = HttpConnection.class, name = HttpConnection.TYPE),
        @JsonSubTypes.Type(value = RedisConnection.class, name = RedisConnection.TYPE)})
@Schema(description = "A target connection; the 'type' field selects the kind and its fields.",
        oneOf = {PostgresConnection.class, HttpConnection.class, RedisConnection.class},
        discriminatorProperty = "type",
        discriminatorMapping = {
                @DiscriminatorMapping(value = PostgresConnection.TYPE, schema = PostgresConnection.class),
                @DiscriminatorMapping(value = HttpConnection.TYPE, schema = HttpConnection.class),
                @DiscriminatorMapping(value = RedisConnection.TYPE, schema = RedisConnection.class)})
public sealed interface Connection permits PostgresConnection, HttpConnection, RedisConnection {
    /** Every type name, as the {@code type} field spells it. */
    List<String> TYPES = List.of(PostgresConnection.TYPE, HttpConnection.TYPE, RedisConnection.TYPE);

    String connectionId();

    /** postgres, http or redis. */
    @JsonIgnore
    String type();

    /** What is wrong with the fields, one sentence each; empty when the connection is usable. */
    @JsonIgnore
    List<String> problems();

    /** The same connection with every secret replaced by {@value Secrets#MASK}: the only form a client sees. */
    Connection redacted();

    /** The secret values inside this connection, to scrub them from messages that might echo them. */
    @JsonIgnore
    List<String> secretValues();
}
