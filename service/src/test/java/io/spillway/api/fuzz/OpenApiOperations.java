package io.spillway.api.fuzz;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The operations an OpenAPI document describes, with their parameters and body schema, {@code $ref}s resolved. */
public final class OpenApiOperations {
    /** One parameter: where it goes (path or query), its name, its schema. */
    public record Param(String in, String name, boolean required, JsonNode schema) {
    }

    /** One operation; {@code body} is null when it takes no request body. */
    public record Operation(String method, String path, List<Param> params, JsonNode body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final JsonNode doc;

    private OpenApiOperations(JsonNode doc) {
        this.doc = doc;
    }

    public static OpenApiOperations parse(String openApiJson) {
        return new OpenApiOperations(JsonMapper.builder().build().readTree(openApiJson));
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode op = method.getValue();
                List<Param> params = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    JsonNode param = resolve(p);
                    JsonNode schema = resolve(param.path("schema"));
                    if (param.has("example") && schema instanceof ObjectNode withExample) {
                        schema = withExample.deepCopy().set("example", param.get("example"));
                    }
                    params.add(new Param(param.path("in").asString(), param.path("name").asString(),
                            param.path("required").asBoolean(false), schema));
                }
                JsonNode body = op.path("requestBody").path("content").path("application/json").path("schema");
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), params,
                        body.isMissingNode() ? null : resolve(body)));
            }
        }
        return operations;
    }

    /** Follows a {@code $ref} (only local ones, as springdoc writes them); anything else as it is. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            JsonNode target = doc;
            Iterator<String> parts = List.of(current.get("$ref").asString().substring(2).split("/")).iterator();
            while (parts.hasNext()) {
                target = target.path(parts.next());
            }
            current = target;
        }
        return current;
    }
}
