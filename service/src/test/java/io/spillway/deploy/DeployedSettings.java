package io.spillway.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every environment variable the deploy files give the Spillway container, with where it comes from: the
 * {@code spillway} service of deploy/compose.yaml, the {@code spillway} container of every Kubernetes
 * workload (its {@code env} and the keys of the ConfigMaps and Secrets its {@code envFrom} names), and the
 * image's own environment (the jib configuration in service/pom.xml).
 */
final class DeployedSettings {
    private static final String CONTAINER = "spillway";

    private DeployedSettings() {
    }

    /** Variable name to where it is set. */
    static Map<String, String> of(Path repository) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        compose(repository.resolve("deploy/compose.yaml"), settings);
        kubernetes(repository.resolve("deploy/kubernetes"), settings);
        image(repository.resolve("service/pom.xml"), settings);
        return settings;
    }

    @SuppressWarnings("unchecked")
    private static void compose(Path file, Map<String, String> settings) throws IOException {
        Map<String, Object> service = (Map<String, Object>) map(yaml(file).get(0).get("services")).get(CONTAINER);
        if (service == null || service.containsKey("env_file")) {
            throw new IllegalStateException(file + ": a '" + CONTAINER + "' service with no env_file is expected");
        }
        Object environment = service.get("environment");
        List<String> names = environment instanceof List<?> list
                ? list.stream().map(item -> item.toString().split("=", 2)[0]).toList()
                : new ArrayList<>(map(environment).keySet());
        names.forEach(name -> settings.put(name, "deploy/compose.yaml"));
    }

    private static void kubernetes(Path dir, Map<String, String> settings) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) { // secrets/ too: applied apart, read all the same
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                documents.addAll(yaml(file));
            }
        }
        for (Map<String, Object> document : documents) {
            for (Map<String, Object> container : list(at(document, "spec", "template", "spec", "containers"))) {
                if (!CONTAINER.equals(container.get("name"))) {
                    continue;
                }
                String where = "deploy/kubernetes " + document.get("kind") + " " + at(document, "metadata", "name");
                list(container.get("env")).forEach(env -> settings.put((String) env.get("name"), where));
                for (Map<String, Object> from : list(container.get("envFrom"))) {
                    String prefix = (String) from.getOrDefault("prefix", "");
                    String kind = from.containsKey("configMapRef") ? "ConfigMap" : "Secret";
                    String name = (String) map(from.getOrDefault("configMapRef", from.get("secretRef"))).get("name");
                    Map<String, Object> source = documents.stream()
                            .filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, "metadata", "name")))
                            .findFirst().orElseThrow(() -> new IllegalStateException(
                                    where + " takes its environment from " + kind + " " + name
                                            + ", which deploy/kubernetes does not define"));
                    for (String section : List.of("data", "stringData")) {
                        map(source.get(section)).keySet().forEach(key -> settings.put(prefix + key,
                                "deploy/kubernetes " + kind + " " + name));
                    }
                }
            }
        }
    }

    private static void image(Path pom, Map<String, String> settings) throws Exception {
        NodeList plugins = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                .getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (!"jib-maven-plugin".equals(child(plugin, "artifactId").getTextContent())) {
                continue;
            }
            NodeList environments = plugin.getElementsByTagName("environment");
            for (int e = 0; e < environments.getLength(); e++) {
                for (Node node = environments.item(e).getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element variable) {
                        settings.put(variable.getTagName(), "service/pom.xml (the image's environment)");
                    }
                }
            }
        }
    }

    private static Element child(Element parent, String tag) {
        return (Element) parent.getElementsByTagName(tag).item(0);
    }

    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add(map(document));
                }
            }
        }
        return documents;
    }

    private static Object at(Map<String, Object> document, String... path) {
        Object node = document;
        for (String key : path) {
            node = map(node).get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        return node == null ? List.of() : (List<Map<String, Object>>) node;
    }
}
