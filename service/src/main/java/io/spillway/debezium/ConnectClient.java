package io.spillway.debezium;

import io.spillway.api.ConflictException;
import io.spillway.api.InvalidRequestException;
import io.spillway.api.UpstreamFailureException;
import io.spillway.api.UpstreamUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka Connect REST calls Spillway makes, typed. Connector names must have passed
 * {@link ConnectorNames#require}; they are URL-encoded here all the same. An unreachable worker is a 503
 * naming Kafka Connect and its URL; an answer Connect should not have given is a 502 with its message.
 * Behind HTTP basic auth (Kafka's BasicAuthSecurityRestExtension) every call carries the credentials;
 * a refusal (401/403) is a 502 that says authentication failed and which settings to check, never the
 * credentials themselves.
 */
public class ConnectClient {
    /** Connect answers 409 while its workers rebalance; such requests are retried this long. */
    private static final Duration REBALANCE_PATIENCE = Duration.ofSeconds(20);

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http;
    private final String baseUrl;
    private final Duration requestTimeout;
    private final ConnectCredentials credentials;

    public ConnectClient(String baseUrl, Duration connectTimeout, Duration requestTimeout) {
        this(baseUrl, null, null, connectTimeout, requestTimeout);
    }

    /**
     * @param baseUrl Connect's REST root, optionally with {@code user:password@} (percent-encoded)
     * @param username basic-auth user; when set, it and {@code password} win over the URL's
     */
    public ConnectClient(String baseUrl, String username, String password, Duration connectTimeout,
            Duration requestTimeout) {
        this.credentials = ConnectCredentials.of(baseUrl, username, password);
        String url = ConnectCredentials.withoutUserInfo(baseUrl);
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Connect's base URL, without credentials: safe for messages. */
    public String location() {
        return baseUrl;
    }

    /** Every connector with its runtime state and config (one call: {@code ?expand=status&expand=info}). */
    public Map<String, ConnectorOverview> connectors() {
        JsonNode body = expectOk(send("GET", "/connectors?expand=status&expand=info", null), "list connectors");
        Map<String, ConnectorOverview> result = new TreeMap<>();
        body.forEachEntry((name, entry) -> result.put(name, new ConnectorOverview(
                stringMap(entry.path("info").path("config")), state(entry.path("status")))));
        return result;
    }

    /** The connector's config as Connect stores it (secrets included: never show it unredacted). */
    public Optional<Map<String, String>> config(String name) {
        Reply reply = send("GET", "/connectors/" + encode(name) + "/config", null);
        return reply.status() == 404 ? Optional.empty()
                : Optional.of(stringMap(expectOk(reply, "read connector config")));
    }

    public Optional<ConnectorState> status(String name) {
        Reply reply = send("GET", "/connectors/" + encode(name) + "/status", null);
        return reply.status() == 404 ? Optional.empty() : Optional.of(state(expectOk(reply, "read connector status")));
    }

    /** Creates the connector; 409 when one with that name exists, 400 when Connect rejects the config. */
    public Map<String, String> create(String name, Map<String, String> config) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("config", config);
        Reply reply = send("POST", "/connectors", json.writeValueAsString(body));
        List<String> secrets = SecretRedaction.secretValues(config);
        return switch (reply.status()) {
            case 200, 201 -> stringMap(reply.body().path("config"));
            case 409 -> throw new ConflictException("a connector named '" + name
                    + "' already exists: delete it first or choose another name");
            case 400, 422 -> throw new InvalidRequestException("Kafka Connect rejected the connector config: "
                    + SecretRedaction.scrub(reply.message(), secrets));
            default -> throw unexpected("create connector", reply, secrets);
        };
    }

    /** Replaces a connector's whole config (Connect restarts its tasks); 400 when Connect rejects it. */
    public Map<String, String> putConfig(String name, Map<String, String> config) {
        Reply reply = send("PUT", "/connectors/" + encode(name) + "/config", json.writeValueAsString(config));
        List<String> secrets = SecretRedaction.secretValues(config);
        return switch (reply.status()) {
            case 200, 201 -> stringMap(reply.body().path("config"));
            case 400, 422 -> throw new InvalidRequestException("Kafka Connect rejected the connector config: "
                    + SecretRedaction.scrub(reply.message(), secrets));
            default -> throw unexpected("update connector config", reply, secrets);
        };
    }

    /**
     * Restarts the connector and its tasks that FAILED (Connect's {@code onlyFailed}: running ones are left
     * alone); false when there is no connector of that name.
     */
    public boolean restartFailed(String name) {
        Reply reply = send("POST", "/connectors/" + encode(name) + "/restart?includeTasks=true&onlyFailed=true", null);
        if (reply.status() == 404) {
            return false;
        }
        expectOk(reply, "restart connector");
        return true;
    }

    /** Deletes the connector; false when there was none of that name. */
    public boolean delete(String name) {
        Reply reply = send("DELETE", "/connectors/" + encode(name), null);
        if (reply.status() == 404) {
            return false;
        }
        expectOk(reply, "delete connector");
        return true;
    }

    /** Class names of the connector plugins installed in the worker. */
    public List<String> connectorPlugins() {
        JsonNode body = expectOk(send("GET", "/connector-plugins?connectorsOnly=true", null), "list plugins");
        List<String> classes = new ArrayList<>();
        body.forEach(plugin -> classes.add(plugin.path("class").asString("")));
        return classes;
    }

    /** The config names a plugin declares (used to map snake_case keys onto them). */
    public List<String> pluginConfigNames(String pluginClass) {
        Reply reply = send("GET", "/connector-plugins/" + encode(pluginClass) + "/config", null);
        if (reply.status() != 200) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        reply.body().forEach(definition -> names.add(definition.path("name").asString("")));
        return names;
    }

    /** Connect's validation of a full config (which includes connector.class). */
    public ConfigValidation validate(String pluginClass, Map<String, String> config) {
        Reply reply = send("PUT", "/connector-plugins/" + encode(pluginClass) + "/config/validate",
                json.writeValueAsString(config));
        List<String> secrets = SecretRedaction.secretValues(config);
        if (reply.status() == 400 || reply.status() == 404) {
            throw new InvalidRequestException("Kafka Connect cannot validate a config for '" + pluginClass + "': "
                    + SecretRedaction.scrub(reply.message(), secrets));
        }
        if (reply.status() != 200) {
            throw unexpected("validate connector config", reply, secrets);
        }
        Map<String, List<String>> errors = new TreeMap<>();
        reply.body().path("configs").forEach(entry -> {
            JsonNode value = entry.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(e -> messages.add(SecretRedaction.scrub(e.asString(""), secrets)));
            if (!messages.isEmpty()) {
                errors.put(value.path("name").asString(""), messages);
            }
        });
        return new ConfigValidation(errors);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ConnectorState state(JsonNode status) {
        JsonNode connector = status.path("connector");
        List<TaskState> tasks = new ArrayList<>();
        status.path("tasks").forEach(task -> tasks.add(new TaskState(task.path("id").asInt(),
                task.path("state").asString(""), text(task.path("worker_id")), firstLine(text(task.path("trace"))))));
        return new ConnectorState(status.path("name").asString(""), text(status.path("type")),
                connector.path("state").asString(""), text(connector.path("worker_id")),
                firstLine(text(connector.path("trace"))), tasks);
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        object.forEachEntry((key, value) -> map.put(key, value.isValueNode() ? value.asString("") : value.toString()));
        return map;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asString("");
    }

    static String firstLine(String trace) {
        if (trace == null) {
            return null;
        }
        int newline = trace.indexOf('\n');
        return (newline < 0 ? trace : trace.substring(0, newline)).strip();
    }

    private JsonNode expectOk(Reply reply, String what) {
        if (reply.status() / 100 != 2) {
            throw unexpected(what, reply, List.of());
        }
        return reply.body();
    }

    private UpstreamFailureException unexpected(String what, Reply reply, List<String> secrets) {
        return new UpstreamFailureException("Kafka Connect at " + location() + " could not " + what
                + " (HTTP " + reply.status() + "): " + SecretRedaction.scrub(reply.message(), secrets));
    }

    private Reply send(String method, String path, String body) {
        Instant giveUp = Instant.now().plus(REBALANCE_PATIENCE);
        while (true) {
            Reply reply = sendOnce(method, path, body);
            if (reply.status() == 401 || reply.status() == 403) {
                throw new UpstreamFailureException(credentials.refusal(location(), reply.status()));
            }
            boolean rebalancing = reply.status() == 409 && !reply.message().contains("already exists");
            if (!rebalancing || Instant.now().isAfter(giveUp)) {
                return reply;
            }
            pause();
        }
    }

    private Reply sendOnce(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        credentials.authorization().ifPresent(value -> request.header("Authorization", value));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new UpstreamUnavailableException("Kafka Connect", location(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException("Kafka Connect", location(), e);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return json.getNodeFactory().stringNode(body);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500); // back-off between retries while Connect rebalances, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Reply(int status, JsonNode body) {
        String message() {
            JsonNode message = body.path("message");
            if (message.isString()) {
                return message.asString();
            }
            return body.isString() ? body.asString() : String.valueOf(body);
        }
    }

    /** A connector's config and runtime state, as the list endpoint needs them. */
    public record ConnectorOverview(Map<String, String> config, ConnectorState state) {
    }
}
