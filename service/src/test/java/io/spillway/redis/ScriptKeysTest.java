package io.spillway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Lua script of the service (the .lua resources and every Java text block that calls redis.call)
 * touches only keys it was given in KEYS[]: on a Redis Cluster a key built inside a script may live on
 * another node, and Redis would refuse it (or, worse, a proxy would not route it).
 */
class ScriptKeysTest {
    private static final Path SOURCES = Path.of("src", "main");
    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"\\s*\\n(.*?)\"\"\"", Pattern.DOTALL);
    /** redis.call('CMD', <first argument>: the key of every command the scripts use). */
    private static final Pattern CALL = Pattern.compile("redis\\.call\\(\\s*'(\\w+)'\\s*,\\s*([^,)]+)");
    private static final Pattern KEY_VARIABLE = Pattern.compile("local\\s+(\\w+)\\s*=\\s*KEYS\\[\\d+\\]");
    private static final Pattern KEYS_REF = Pattern.compile("KEYS\\[\\d+\\]");

    @Test
    void everyScriptTouchesOnlyTheKeysItWasGiven() throws IOException {
        List<String> scripts = scripts();
        assertThat(scripts).as("scripts found (window counter, forget, migration, Redis target)").hasSizeGreaterThanOrEqualTo(5);
        List<String> problems = new ArrayList<>();
        for (String script : scripts) {
            problems.addAll(keysNotGiven(script));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckFindsAKeyBuiltInsideAScript() {
        assertThat(keysNotGiven("redis.call('HGET', 'spillway:pipeline:' .. ARGV[1], 'x')")).isNotEmpty();
        assertThat(keysNotGiven("local k = ARGV[1]\nredis.call('DEL', k)")).hasSize(1);
        assertThat(keysNotGiven("local key = 'spillway:x'\nredis.call('DEL', KEYS[1]) -- KEYS[1]: spillway:y"))
                .hasSize(1);
        assertThat(keysNotGiven("local h = KEYS[1]\nredis.call('HSET', h, 'a', 1)\nredis.call('DEL', KEYS[2])"))
                .isEmpty();
    }

    static List<String> keysNotGiven(String source) {
        String script = source.replaceAll("--[^\n]*", "");
        Set<String> keyVariables = new HashSet<>();
        Matcher variable = KEY_VARIABLE.matcher(script);
        while (variable.find()) {
            keyVariables.add(variable.group(1));
        }
        List<String> problems = new ArrayList<>();
        Matcher call = CALL.matcher(script);
        while (call.find()) {
            String key = call.group(2).trim();
            if (!KEYS_REF.matcher(key).matches() && !keyVariables.contains(key)) {
                problems.add(call.group(1) + " on " + key + " in:\n" + script);
            }
        }
        if (script.contains("spillway:")) {
            problems.add("a key name inside the script:\n" + script);
        }
        return problems;
    }

    private static List<String> scripts() throws IOException {
        List<String> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".lua")) {
                    scripts.add(Files.readString(file));
                } else if (name.endsWith(".java")) {
                    Matcher block = TEXT_BLOCK.matcher(Files.readString(file));
                    while (block.find()) {
                        if (block.group(1).contains("redis.call")) {
                            scripts.add(block.group(1));
                        }
                    }
                }
            }
        }
        return scripts;
    }
}
