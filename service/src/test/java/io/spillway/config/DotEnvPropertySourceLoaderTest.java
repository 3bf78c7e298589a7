package io.spillway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

class DotEnvPropertySourceLoaderTest {
    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }

    @Test
    void readsTheSeedsDotEnvWithDoubleQuotesThroughSpringsConfigImport(@TempDir Path dir) throws IOException {
        Path env = dir.resolve(".env");
        Files.writeString(env, """
                KAFKA_BROKER="kafka:9092"
                DEBEZIUM_CONNECTOR_URL="http://host.docker.internal:8083/connectors"
                """);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Nothing.class)
                .web(WebApplicationType.NONE).run("--spring.config.location=optional:file:" + env)) {
            assertThat(context.getEnvironment().getProperty("KAFKA_BROKER")).isEqualTo("kafka:9092");
            assertThat(context.getEnvironment().getProperty("DEBEZIUM_CONNECTOR_URL"))
                    .isEqualTo("http://host.docker.internal:8083/connectors");
        }
    }

    @Test
    void quotesCommentsExportAndEscapesAsShellsReadThem() {
        assertThat(DotEnvPropertySourceLoader.parse("""
                # a comment
                export A=plain value # trailing comment
                B='single # not a comment'
                C="say \\"hi\\"" # after the quote
                D=
                E = spaced
                """)).containsExactly(
                entry("A", "plain value"),
                entry("B", "single # not a comment"),
                entry("C", "say \"hi\""),
                entry("D", ""),
                entry("E", "spaced"));
    }

    @Test
    void aBrokenLineNamesItsNumberAndNotItsValue() {
        assertThatThrownBy(() -> DotEnvPropertySourceLoader.parse("A=1\nPASSWORD=\"s3cret\n"))
                .hasMessageContaining("line 2").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> DotEnvPropertySourceLoader.parse("just words"))
                .hasMessageContaining("line 1").hasMessageContaining("KEY=value");
    }
}
