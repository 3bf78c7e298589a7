package io.spillway.api;

import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The front door: where to go next. */
@RestController
public class RootController {
    @Operation(summary = "Service name and where its docs and health live")
    @GetMapping("/")
    Map<String, String> root() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("service", "spillway");
        body.put("docs", "/docs");
        body.put("openapi", "/openapi.json");
        body.put("health", "/health");
        body.put("metrics", "/actuator/prometheus");
        return body;
    }
}
