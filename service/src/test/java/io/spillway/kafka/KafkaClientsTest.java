package io.spillway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.spillway.config.SpillwayProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

class KafkaClientsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"spillway\" password=\"s3cr3t-jaas\";";
    private static final Map<String, String> SASL = Map.of("security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS,
            "ssl.truststore.password", "s3cr3t-trust", "ssl.key.password", "s3cr3t-key",
            "my.plugin.client.secret", "s3cr3t-plugin");

    private final KafkaClients clients = new KafkaClients("broker:9093", SASL);

    @Test
    void everyClientTakesTheConfiguredPropertiesAndTheBootstrapServers() {
        List<Map<String, Object>> all = List.of(clients.admin(), clients.groupConsumer("g", "g-1", "earliest"),
                clients.rereader(), clients.deadLetterProducer(1 << 20));
        for (Map<String, Object> config : all) {
            assertThat(config).containsEntry("bootstrap.servers", "broker:9093")
                    .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", JAAS).containsEntry("ssl.truststore.password", "s3cr3t-trust");
        }
    }

    @Test
    void aRoleDefaultYieldsToAConfiguredPropertyButAFixedSettingWins() {
        KafkaClients tuned = new KafkaClients("b:1", Map.of("max.poll.records", "100", "request.timeout.ms", "40000",
                "enable.auto.commit", "true", "acks", "0", "group.id", "theirs", "client.id", "theirs",
                "allow.auto.create.topics", "true"));
        assertThat(tuned.groupConsumer("g", "g-1", "latest")).containsEntry("max.poll.records", "100")
                .containsEntry("enable.auto.commit", false).containsEntry("group.id", "g")
                .containsEntry("client.id", "g-1").containsEntry("auto.offset.reset", "latest")
                .containsEntry("allow.auto.create.topics", false);
        assertThat(tuned.admin()).containsEntry("request.timeout.ms", "40000").containsEntry("client.id", "spillway-admin");
        assertThat(tuned.deadLetterProducer(10)).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("max.request.size", 10);
        assertThat(tuned.rereader()).doesNotContainKey("group.id").containsEntry("enable.auto.commit", false);
        assertThat(new KafkaClients("b:1", Map.of()).admin()).containsEntry("request.timeout.ms", 10_000)
                .containsEntry("default.api.timeout.ms", 15_000);
    }

    @Test
    void bootstrapServersComeFromKafkaBrokerOnly() {
        assertThatThrownBy(() -> new KafkaClients("b:1", Map.of("bootstrap.servers", "other:9092")))
                .hasMessageContaining("KAFKA_BROKER");
    }

    @Test
    void theFileThenTheTextThenTheMapEachWinningOverTheOneBefore(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "# like --command-config\nsecurity.protocol=SSL\nsasl.mechanism=PLAIN\nlinger.ms=1\n");
        KafkaClientSettings settings = new KafkaClientSettings(Map.of("security.protocol", "SASL_SSL"),
                "sasl.mechanism=SCRAM-SHA-256\nsasl.jaas.config=" + JAAS.replace("\"", "\\\"") + "\n", file.toString());
        assertThat(ClientPropertySources.merge(settings)).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256").containsEntry("linger.ms", "1")
                .containsEntry("sasl.jaas.config", JAAS);
    }

    @Test
    void anUnreadableFileFailsTheStartNamingThePathOnly(@TempDir Path dir) {
        KafkaClientSettings settings = new KafkaClientSettings(Map.of(), "", dir.resolve("missing").toString());
        assertThatThrownBy(() -> ClientPropertySources.merge(settings))
                .hasMessageContaining("missing").hasMessageContaining("SPILLWAY_KAFKA_PROPERTIES_FILE");
    }

    @Test
    void environmentVariablesBindTheTextTheFileAndTheMapThroughApplicationYml() throws Exception {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("SPILLWAY_KAFKA_PROPERTIES", "security.protocol=SASL_SSL\nsasl.jaas.config=" + JAAS,
                        "SPILLWAY_KAFKA_PROPERTIES_FILE", "/etc/spillway/kafka.properties",
                        "SPILLWAY_KAFKA_CLIENT_SASL_MECHANISM", "SCRAM-SHA-512")));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(sources::addLast);
        KafkaClientSettings settings = new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources)).bindOrCreate("spillway.kafka", KafkaClientSettings.class);
        assertThat(settings.propertiesFile()).isEqualTo("/etc/spillway/kafka.properties");
        assertThat(settings.properties()).contains("sasl.jaas.config=" + JAAS);
        assertThat(settings.client()).containsExactly(Map.entry("sasl.mechanism", "SCRAM-SHA-512"));
        assertThat(ClientPropertySources.merge(new KafkaClientSettings(settings.client(), settings.properties(), "")))
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void noSecretInTheStartLineTheDescriptionOrTheSettingsToString() {
        Logger logger = (Logger) LoggerFactory.getLogger(KafkaClients.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            KafkaClientSettings settings = new KafkaClientSettings(SASL, "ssl.keystore.password=s3cr3t-store\n"
                    + "enable.auto.commit=true\n", "");
            new KafkaClients(new SpillwayProperties("broker:9093", "http://c/connectors", "redis://r", null, 0,
                    null, null, null, null, null, null), settings);
            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("broker:9093")
                    .contains("security.protocol=SASL_SSL").contains("sasl.jaas.config=[hidden]")
                    .contains("ssl.keystore.password=[hidden]"));
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("[enable.auto.commit]").contains("ignored"));
            for (String text : List.of(String.join("\n", lines), settings.toString(), clients.describe())) {
                assertThat(text).doesNotContain("s3cr3t");
            }
        } finally {
            logger.detachAppender(appender);
        }
    }
}
