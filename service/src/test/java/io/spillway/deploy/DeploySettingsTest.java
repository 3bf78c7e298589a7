package io.spillway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every setting deploy/ (compose and Kubernetes) and the image pass to the service is one it reads: a
 * misspelled name would otherwise be ignored without a word, and the service would run on its default.
 */
class DeploySettingsTest {
    /** Surefire runs in the service module. */
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static ServiceSettings service;

    @BeforeAll
    static void readTheService() throws Exception {
        service = ServiceSettings.of(REPOSITORY.resolve("service"));
    }

    @Test
    void everySettingTheDeployFilesPassIsOneTheServiceReads() throws Exception {
        Map<String, String> passed = DeployedSettings.of(REPOSITORY);
        assertThat(passed).as("the deploy files were found and read").containsKeys("KAFKA_BROKER",
                "DEBEZIUM_CONNECTOR_URL", "REDIS_URL", "SPILLWAY_API_KEY", "SPILLWAY_SECRET_KEY", "SPILLWAY_API_PORT");
        List<String> unread = passed.entrySet().stream().filter(setting -> !service.reads(setting.getKey()))
                .map(setting -> setting.getKey() + " (" + setting.getValue() + ")").toList();
        assertThat(unread).as("settings the service does not read: misspelled, or read by nothing").isEmpty();
    }

    @Test
    void readsTheNamesOfEveryKindAndRefusesMisspelledOnes() {
        assertThat(List.of(
                "KAFKA_BROKER", "SPILLWAY_API_KEY", "SPILLWAY_TARGET_SOCKET_TIMEOUT_MS", // application.yml
                "SPILLWAY_SECRET_KEY", "SPILLWAY_SECRET_KEY_PREVIOUS", // @Value placeholders
                "SPILLWAY_EXPOSE_WITHOUT_API_KEY", "SPILLWAY_NOOP_JOB_ENABLED", // Environment, @ConditionalOnProperty
                "SPILLWAY_MAX_REQUEST_BYTES", // @Value("${spillway.max-request-bytes:...}")
                "SPILLWAY_CONSUMER_MAX_PER_INSTANCE", "SPILLWAY_CONSUMER_MAXPERINSTANCE", // SpillwayProperties
                "SPILLWAY_DEBEZIUM_ALLOWED_OVERRIDE_KEYS", "SPILLWAY_TARGETS_POOL_TIMEOUT_MS",
                "SERVER_PORT", "LOGGING_LEVEL_IO_SPILLWAY", "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", // Boot
                "JAVA_TOOL_OPTIONS"))
                .allSatisfy(name -> assertThat(service.reads(name)).as(name).isTrue());
        assertThat(List.of("KAFKA_BROKERS", "SPILLWAY_API_TOKEN", "SPILLWAY_CONSUMER_MAX_PER_INSTANCES",
                "SPILLWAY_CONSUMER", "SPILLWAY_TARGET_POOL_TIMEOUT", "SERVER_PROT", "REDIS_PASSWORD",
                "SPILLWAY_DLQ_TOPIC", "JAVA_OPTS"))
                .allSatisfy(name -> assertThat(service.reads(name)).as(name).isFalse());
    }

    @Test
    void kubernetesRunsTheSamePostgresInitScriptAsCompose() throws Exception {
        String script = Files.readString(REPOSITORY.resolve("deploy/postgres/10-debezium-role.sh"));
        String manifest = Files.readString(REPOSITORY.resolve("deploy/kubernetes/45-postgres.yaml"));
        assertThat(manifest).contains(script.indent(4));
    }
}
