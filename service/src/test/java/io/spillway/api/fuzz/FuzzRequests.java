package io.spillway.api.fuzz;

import io.spillway.api.fuzz.OpenApiOperations.Operation;
import io.spillway.api.fuzz.OpenApiOperations.Param;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests generated from the service's own OpenAPI document: each operation with plausible values, then
 * broken one way at a time (a field missing, of the wrong type, hostile, huge; an extra field; a body that is
 * not JSON or is too large; a hostile path segment; no or a wrong API key).
 */
public final class FuzzRequests {
    /** One request; {@code apiKey} null sends none. */
    public record FuzzRequest(String method, String target, byte[] body, String contentType, String apiKey,
            String mutation) {
        @Override
        public String toString() {
            return method + " " + (target.length() > 200 ? target.substring(0, 200) + "..." : target) + " [" + mutation + "]";
        }
    }

    /** Paths a router or a proxy gets wrong: doubled slashes, dot segments, encoded separators, matrix params. */
    private static final List<String> RAW_PATHS = List.of("//consumer/list", "/consumer/list/", "/consumer/list;x=1",
            "/consumer/info/..%2Flist", "/consumer/info/%2e%2e/%2e%2e/health", "/connection/info/%00",
            "/connection/info/a%2Fb", "/debezium/connector/%2e%2e/info", "/./consumer/list", "/%2e/health",
            "/consumer/list?consumer_id=%ff%fe", "/topic/config?topic_name=%", "/actuator/env", "/actuator/heapdump",
            "/actuator/configprops", "/no/such/path", "/redis/count/" + "x".repeat(5_000), "/health/../consumer/list",
            "/openapi.json/../consumer/list", "/consumer/list%20");

    private static final Pattern CREATES = Pattern.compile("/(create|start)/?$");
    private static final int PLAUSIBLE_PER_OPERATION = 5;
    private static final String DEEP_MARKER = "fz-deeply-nested";
    private final OpenApiOperations doc;
    private final FuzzValues values;
    private final Random random;
    private final String apiKey;

    public FuzzRequests(OpenApiOperations doc, Random random, FuzzValues.Secrets secrets, String apiKey) {
        this.doc = doc;
        this.random = random;
        this.values = new FuzzValues(random, secrets);
        this.apiKey = apiKey;
    }

    /**
     * At least {@code count} requests: first plausible ones for every operation, creations first (so later
     * requests meet existing resources), then the broken ones and the raw path tricks in a shuffled order.
     */
    public List<FuzzRequest> generate(int count) {
        List<Operation> operations = new ArrayList<>(doc.operations());
        operations.sort(Comparator.comparing(operation -> !CREATES.matcher(operation.path()).find()));
        List<FuzzRequest> plausible = new ArrayList<>();
        for (Operation operation : operations) {
            for (int i = 0; i < PLAUSIBLE_PER_OPERATION; i++) {
                plausible.add(request(operation, true));
            }
        }
        List<FuzzRequest> broken = new ArrayList<>();
        for (String path : RAW_PATHS) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                broken.add(new FuzzRequest(method, path, null, null, apiKey, "raw path"));
            }
        }
        int perOperation = (count - plausible.size() - broken.size()) / operations.size() + 1;
        for (Operation operation : operations) {
            for (int i = 0; i < perOperation; i++) {
                broken.add(request(operation, false));
            }
        }
        Collections.shuffle(broken, random);
        plausible.addAll(broken);
        return plausible;
    }

    private FuzzRequest request(Operation operation, boolean plausible) {
        List<String> mutations = new ArrayList<>();
        String path = operation.path();
        List<String> query = new ArrayList<>();
        for (Param param : operation.params()) {
            JsonNode generated = values.plausible(param.name(), param.schema(), doc, 0);
            String value = generated.isString() ? generated.asString() : generated.toString();
            if (!plausible && random.nextInt(4) == 0) {
                value = values.hostile();
                mutations.add("hostile " + param.name());
            }
            if ("path".equals(param.in())) {
                path = path.replace("{" + param.name() + "}", encode(value));
            } else if (plausible || random.nextInt(6) != 0) {
                query.add(param.name() + "=" + encode(value));
            } else {
                mutations.add("no " + param.name());
            }
        }
        String target = query.isEmpty() ? path : path + "?" + String.join("&", query);
        byte[] body = null;
        String contentType = null;
        if (operation.body() != null) {
            contentType = "application/json";
            JsonNode json = values.plausible("", operation.body(), doc, 0);
            body = plausible ? json.toString().getBytes(StandardCharsets.UTF_8) : mutateBody(json, mutations);
            if (!plausible && random.nextInt(15) == 0) {
                contentType = random.nextBoolean() ? "text/plain" : "application/xml";
                mutations.add("content type " + contentType);
            }
        }
        String key = apiKey;
        if (!plausible && random.nextInt(20) == 0) {
            key = random.nextBoolean() ? null : apiKey + "x";
            mutations.add(key == null ? "no api key" : "wrong api key");
        }
        return new FuzzRequest(operation.method(), target, body, contentType, key,
                mutations.isEmpty() ? "plausible" : String.join(", ", mutations));
    }

    private byte[] mutateBody(JsonNode json, List<String> mutations) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return rawBody(mutations);
        }
        if (!(json instanceof ObjectNode object) || object.isEmpty()) {
            mutations.add("body as is");
            return json.toString().getBytes(StandardCharsets.UTF_8);
        }
        int changes = 1 + random.nextInt(2);
        for (int i = 0; i < changes; i++) {
            List<Map.Entry<String, JsonNode>> fields = List.copyOf(object.properties());
            if (fields.isEmpty()) {
                break;
            }
            String field = fields.get(random.nextInt(fields.size())).getKey();
            switch (random.nextInt(6)) {
                case 0 -> {
                    object.remove(field);
                    mutations.add("without " + field);
                }
                case 1 -> {
                    object.set(field, values.wrongType(object.get(field)));
                    mutations.add("wrong type " + field);
                }
                case 2 -> {
                    object.put(field, values.hostile());
                    mutations.add("hostile " + field);
                }
                case 3 -> {
                    object.put(field, "h".repeat(300_000));
                    mutations.add("huge " + field);
                }
                case 4 -> {
                    object.put("fz_extra_" + random.nextInt(3), values.hostile());
                    mutations.add("extra field");
                }
                default -> {
                    object.put(field, DEEP_MARKER);
                    mutations.add("deeply nested " + field);
                }
            }
        }
        // written by hand: Jackson refuses to write what is this deep, which is the point
        String deep = "[".repeat(2_000) + "]".repeat(2_000);
        return object.toString().replace('"' + DEEP_MARKER + '"', deep).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] rawBody(List<String> mutations) {
        String raw = switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "[]";
            case 3 -> "null";
            case 4 -> "\"just a string\"";
            case 5 -> "{\"a\":1,\"a\":2}";
            case 6 -> "{\"x\":\"" + "b".repeat(1_200_000) + "\"}";
            default -> null;
        };
        if (raw == null) {
            mutations.add("invalid UTF-8");
            return new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        }
        mutations.add("raw body " + (raw.length() > 20 ? raw.length() + " chars" : raw));
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
