package io.spillway.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's title, and its schemas in snake_case: springdoc reads models with its own
 * Jackson 2 mapper, which does not know the service's Jackson 3 naming strategy, so it is told here.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {
    static final String API_KEY = "apiKey";
    static final String BEARER = "bearer";

    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenAPI spillwayOpenApi() {
        return new OpenAPI()
                .components(new Components()
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .info(new Info().title("Spillway").version("v1").description(
                "Event-driven data integration: Debezium connectors, Kafka topics, connections, consumers and"
                        + " their runs. When SPILLWAY_API_KEY is set, send it as 'X-API-Key' or"
                        + " 'Authorization: Bearer' (health and docs are open)."));
    }
}
