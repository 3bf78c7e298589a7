package io.spillway.connection;

import io.spillway.secret.Secrets;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Sends one request with the connection's method and headers. Any answer below 500 proves the endpoint
 * is reachable (a 4xx usually means the test body is not what it expects); the status is reported.
 */
@Component
class HttpConnectionTester {
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    ConnectionTestResult test(HttpConnection connection) {
        long started = System.nanoTime();
        String shownUrl = Secrets.redactUrl(connection.url());
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(connection.url()))
                    .timeout(Duration.ofMillis(connection.timeoutMs()));
            boolean hasContentType = connection.headers().keySet().stream()
                    .anyMatch(name -> name.equalsIgnoreCase("Content-Type"));
            if (WITH_BODY.contains(connection.method())) {
                if (!hasContentType) {
                    request.header("Content-Type", "application/json");
                }
                request.method(connection.method(), HttpRequest.BodyPublishers.ofString(
                        "{\"spillway_test\":true,\"connection_id\":\"" + connection.connectionId() + "\"}"));
            } else {
                request.method(connection.method(), HttpRequest.BodyPublishers.noBody());
            }
            connection.headers().forEach(request::header);
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            boolean reachable = status < 500;
            return ConnectionTester.result(reachable, connection.method() + " " + shownUrl + " answered HTTP "
                    + status + (reachable ? " (reachable)" : ": the endpoint is failing"), started);
        } catch (HttpTimeoutException e) {
            return ConnectionTester.result(false, connection.method() + " " + shownUrl + " gave no answer within "
                    + connection.timeoutMs() + " ms", started);
        } catch (ConnectException e) {
            boolean unknownHost = false;
            for (Throwable cause = e; cause != null && !unknownHost; cause = cause.getCause()) {
                unknownHost = cause instanceof java.nio.channels.UnresolvedAddressException
                        || cause instanceof java.net.UnknownHostException;
            }
            return ConnectionTester.result(false, connection.method() + " " + shownUrl + " could not connect: "
                    + (unknownHost ? "the host name does not resolve" : "connection refused or host unreachable"),
                    started);
        } catch (IOException | IllegalArgumentException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            return ConnectionTester.result(false, connection.method() + " " + shownUrl + " failed: "
                    + Secrets.scrub(reason, connection.secretValues()), started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionTester.result(false, "the test was interrupted", started);
        }
    }
}
