package io.spillway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;

/**
 * Reads a {@code .env} file as the seed writes it ({@code KAFKA_BROKER="kafka:9092"}): {@code KEY=value}
 * lines, values optionally in double or single quotes, {@code export } prefixes and {@code #} comments, as
 * docker compose and shells read it. Spring's properties loader would keep the quotes in the value.
 */
public final class DotEnvPropertySourceLoader implements PropertySourceLoader {
    @Override
    public String[] getFileExtensions() {
        return new String[] {"env"};
    }

    @Override
    public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            Map<String, Object> values = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return values.isEmpty() ? List.of() : List.of(new OriginTrackedMapPropertySource(name, values, true));
        }
    }

    static Map<String, Object> parse(String text) {
        Map<String, Object> values = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String raw : text.split("\r?\n", -1)) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalStateException(".env line " + lineNumber + " is not KEY=value; fix or remove it");
            }
            values.put(line.substring(0, eq).strip(), value(line.substring(eq + 1).strip(), lineNumber));
        }
        return values;
    }

    private static String value(String text, int lineNumber) {
        if (text.startsWith("\"") || text.startsWith("'")) {
            char quote = text.charAt(0);
            StringBuilder value = new StringBuilder();
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == quote) {
                    return value.toString(); // anything after the closing quote is a comment
                }
                if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    char next = text.charAt(++i);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            throw new IllegalStateException(".env line " + lineNumber + ": the value's closing " + quote
                    + " is missing");
        }
        int comment = text.indexOf(" #");
        return (comment < 0 ? text : text.substring(0, comment)).strip();
    }
}
