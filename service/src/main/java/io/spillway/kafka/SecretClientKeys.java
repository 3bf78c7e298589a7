package io.spillway.kafka;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Which client properties are secrets, so no Spillway log line prints their value: the ones Kafka itself
 * types as passwords, and, for keys Kafka does not know (plugins' own), any name that looks like one.
 */
final class SecretClientKeys {
    static final String HIDDEN = "[hidden]";

    private static final Set<String> PASSWORD_TYPED = Stream.of(ConsumerConfig.configDef(),
                    ProducerConfig.configDef(), AdminClientConfig.configDef())
            .flatMap(def -> def.configKeys().values().stream())
            .filter(key -> key.type == ConfigDef.Type.PASSWORD)
            .map(key -> key.name)
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern SECRET_NAME = Pattern.compile(
            "password|secret|jaas|token|credential|\\.key$|apikey|api\\.key");

    private SecretClientKeys() {
    }

    static boolean isSecret(String key) {
        return PASSWORD_TYPED.contains(key) || SECRET_NAME.matcher(key.toLowerCase(Locale.ROOT)).find();
    }

    /** {@code key=value, ...} with every secret's value hidden. */
    static String describe(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? HIDDEN : e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
