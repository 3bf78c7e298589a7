package io.spillway.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Merges the configured Kafka client properties: the file, then the text, then the map (a later one wins). */
final class ClientPropertySources {
    private ClientPropertySources() {
    }

    static Map<String, String> merge(KafkaClientSettings settings) {
        Map<String, String> merged = new TreeMap<>();
        if (!settings.propertiesFile().isBlank()) {
            Path file = Path.of(settings.propertiesFile().trim());
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                putAll(merged, reader);
            } catch (IOException | IllegalArgumentException e) {
                // The path and the failure's kind only: the content holds credentials.
                throw new IllegalStateException("cannot read the Kafka client properties file " + file + " ("
                        + e.getClass().getSimpleName() + "): set SPILLWAY_KAFKA_PROPERTIES_FILE to a readable"
                        + " Java properties file");
            }
        }
        if (!settings.properties().isBlank()) {
            try {
                putAll(merged, new StringReader(settings.properties()));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot parse SPILLWAY_KAFKA_PROPERTIES (spillway.kafka.properties):"
                        + " it must be key=value lines (" + e.getClass().getSimpleName() + ")");
            }
        }
        settings.client().forEach((key, value) -> merged.put(key.trim(), value == null ? "" : value.trim()));
        return merged;
    }

    private static void putAll(Map<String, String> into, Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        properties.stringPropertyNames().forEach(key -> into.put(key.trim(), properties.getProperty(key).trim()));
    }
}
