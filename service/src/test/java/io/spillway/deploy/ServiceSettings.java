package io.spillway.deploy;

import io.spillway.SpillwayApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every environment variable the service reads, found from the code itself so the list cannot drift: the
 * {@code ${NAME...}} placeholders of application.yml and of the main sources ({@code @Value}), the
 * {@code spillway.*} names the code asks the Environment for, every property Spring's binder visits on the
 * service's real {@code @ConfigurationProperties} classes (SpillwayProperties), Spring Boot's own properties
 * (its configuration metadata), and the two variables the JVM itself reads. A variable counts when Spring's
 * relaxed binding maps it onto one of them.
 */
final class ServiceSettings {
    /** Read by the java launcher, not by Spring. */
    private static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern SPILLWAY_PLACEHOLDER = Pattern.compile("(?<=\\$\\{)spillway\\.[a-z0-9][a-z0-9.-]*");
    /** Counted in a class that asks the Environment or has a property condition (elsewhere: a Kafka header...). */
    private static final Pattern SPILLWAY_LITERAL = Pattern.compile("(?<=\")spillway\\.[a-z0-9][a-z0-9.-]*");

    private record Known(ConfigurationPropertyName name, boolean hasChildren) {
    }

    private final Set<String> placeholders;
    private final List<Known> properties;

    private ServiceSettings(Set<String> placeholders, List<Known> properties) {
        this.placeholders = placeholders;
        this.properties = properties;
    }

    /** {@code serviceDir}: the service module (application.yml and the main sources). */
    static ServiceSettings of(Path serviceDir) throws IOException {
        Set<String> placeholders = new HashSet<>();
        List<Known> properties = new ArrayList<>(boundProperties());
        for (String text : mainTexts(serviceDir)) {
            find(ENV_PLACEHOLDER, text, 1).forEach(placeholders::add);
            find(SPILLWAY_PLACEHOLDER, text, 0).forEach(name -> properties.add(known(name, false)));
            if (text.contains("getProperty(") || text.contains("@ConditionalOnProperty")) {
                find(SPILLWAY_LITERAL, text, 0).forEach(name -> properties.add(known(name, false)));
            }
        }
        properties.addAll(springBootProperties());
        properties.removeIf(known -> known.name() == null);
        return new ServiceSettings(placeholders, properties);
    }

    boolean reads(String variable) {
        if (JVM.contains(variable) || placeholders.contains(variable)) {
            return true;
        }
        // Spring's own mapping of an environment variable onto property names (relaxed binding).
        Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of(variable, "value")));
        for (ConfigurationPropertySource source : sources) {
            for (Known known : properties) {
                if (source.getConfigurationProperty(known.name()) != null || (known.hasChildren()
                        && source.containsDescendantOf(known.name()) == ConfigurationPropertyState.PRESENT)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The names Spring's binder visits when it binds every {@code @ConfigurationProperties} class of the
     * service (SpillwayProperties and any other), nested settings records included.
     */
    private static List<Known> boundProperties() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Known> visited = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(SpillwayApplication.class.getPackageName())) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            visited.addAll(visit(prefix, type));
        }
        return visited;
    }

    private static List<Known> visit(String prefix, Class<?> type) {
        List<Known> visited = new ArrayList<>();
        Set<ConfigurationPropertyName> nested = new HashSet<>();
        new Binder(new NestedOnly(nested)).bind(prefix, Bindable.of(type), new AbstractBindHandler() {
            @Override
            public <T> Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
                Class<?> bound = target.getType().resolve(Object.class);
                if (bound.getPackageName().startsWith(SpillwayApplication.class.getPackageName()) && !bound.isEnum()) {
                    nested.add(name); // the service's own settings class: not a setting itself, its fields are
                } else {
                    visited.add(new Known(name, Map.class.isAssignableFrom(bound)
                            || Collection.class.isAssignableFrom(bound) || bound.isArray()));
                }
                return target;
            }
        });
        return visited;
    }

    /**
     * A source with no values that claims children under every settings class the binder starts on (it asks
     * after onStart), so that the binder walks every nested one instead of taking its defaults.
     */
    private record NestedOnly(Set<ConfigurationPropertyName> nested) implements ConfigurationPropertySource {
        @Override
        public ConfigurationProperty getConfigurationProperty(ConfigurationPropertyName name) {
            return null;
        }

        @Override
        public ConfigurationPropertyState containsDescendantOf(ConfigurationPropertyName name) {
            return nested.contains(name) ? ConfigurationPropertyState.PRESENT : ConfigurationPropertyState.ABSENT;
        }
    }

    /** server.port, logging.level.*, management.*, spring.*: from every configuration metadata file. */
    private static List<Known> springBootProperties() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<Known> properties = new ArrayList<>();
        Enumeration<URL> files = ServiceSettings.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                JsonNode list = json.readTree(in).path("properties");
                for (JsonNode property : list) {
                    String type = property.path("type").asString("");
                    properties.add(known(property.get("name").asString(),
                            type.startsWith("java.util.Map") || type.startsWith("java.util.List")));
                }
            }
        }
        return properties;
    }

    private static Known known(String name, boolean hasChildren) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return ConfigurationPropertyName.isValid(trimmed)
                ? new Known(ConfigurationPropertyName.of(trimmed), hasChildren) : new Known(null, false);
    }

    private static List<String> mainTexts(Path serviceDir) throws IOException {
        List<String> texts = new ArrayList<>();
        texts.add(Files.readString(serviceDir.resolve("src/main/resources/application.yml")));
        try (Stream<Path> files = Files.walk(serviceDir.resolve("src/main/java"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                texts.add(Files.readString(file));
            }
        }
        return texts;
    }

    private static List<String> find(Pattern pattern, String text, int group) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(group));
        }
        return found;
    }
}
