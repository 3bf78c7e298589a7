package io.spillway.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few JSON-over-HTTP calls the devstack makes: Kafka Connect's REST API and Spillway's own API. */
public final class JsonRest {
    public record Response(int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final String authorization;

    public JsonRest(String baseUrl) {
        this(baseUrl, null);
    }

    /** Every request carries this Authorization header value (e.g. "Basic ..."), when not null. */
    public JsonRest(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** A GET that answers status 0 instead of throwing when Connect is not reachable yet. */
    public Response tryGet(String path) {
        try {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
        } catch (IOException e) {
            return new Response(0, e.toString());
        }
    }

    public Response put(String path, String json) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path, String json) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response send(HttpRequest.Builder request) throws IOException {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
