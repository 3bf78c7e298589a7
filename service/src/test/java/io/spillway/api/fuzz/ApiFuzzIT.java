package io.spillway.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.spillway.api.fuzz.FuzzRequests.FuzzRequest;
import io.spillway.devstack.Devstack;
import io.spillway.devstack.SharedDevstack;
import io.spillway.support.Api;
import io.spillway.support.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's proof: at least 2,000 requests generated from the service's own {@code /openapi.json}, broken
 * in every way {@link FuzzRequests} knows, against a service with an API key and a secret key. No answer is
 * a 5xx (but a health endpoint's documented 503), no answer and no log line holds a secret, every 4xx is a
 * problem document, and the service is healthy afterwards. The service runs as its own process (its log is
 * a file to read) on Redis database 7, so its consumers and connections stay out of the other tests' way.
 */
class ApiFuzzIT {
    private static final int REQUESTS = 2_000;
    private static final String API_KEY = "fz-api-key-6b1d0c93e2";
    private static final String SECRET_KEY = "ZnV6ei1zZWNyZXQta2V5LTMyLWJ5dGVzLWxvbmctISE=";
    private static final FuzzValues.Secrets SECRETS = new FuzzValues.Secrets(
            "Fz-pg-pw-91c4e7", "fz-http-token-4a7f02", "FzRedisPw83d1", "Fz-dbz-pw-5e2c18");
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Devstack stack = SharedDevstack.get();

    @Test
    void generatedRequestsFindNoServerErrorNoLeakedSecretAndLeaveTheServiceHealthy() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Path log = Path.of("target", "fuzz", "service-" + seed + ".log");
        int port = ServiceProcess.freePort();
        Map<String, String> properties = Map.of(
                "spillway.kafka-broker", stack.kafka().bootstrapServers(),
                "spillway.debezium-connector-url", stack.connect().url() + "/connectors",
                "spillway.redis-url", stack.redis().url() + "/7",
                "spillway.api-key", API_KEY,
                "spillway.secret-key", SECRET_KEY);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        int sent;
        try (ServiceProcess service = ServiceProcess.start(port, properties, log)) {
            String openApi = service.api().header("X-API-Key", API_KEY).get("/openapi.json").body();
            List<FuzzRequest> requests = new FuzzRequests(OpenApiOperations.parse(openApi), new Random(seed), SECRETS,
                    API_KEY).generate(REQUESTS);
            for (FuzzRequest request : requests) {
                RawHttp.Answer answer = send(port, request);
                statuses.merge(answer.status(), 1, Integer::sum);
                check(request, answer).ifPresent(failures::add);
            }
            sent = requests.size();
            assertHealthy(service.api().header("X-API-Key", API_KEY));
        } finally {
            cleanUp();
        }
        String logText = Files.readString(log);
        List<String> leaked = secrets().stream().filter(logText::contains).toList();
        System.out.printf("API fuzz: seed %d, %d requests in %d s, answers by status %s%n", seed, sent,
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), statuses);
        assertThat(sent).isGreaterThanOrEqualTo(REQUESTS);
        assertThat(failures).as("seed %d (rerun with -Dfuzz.seed=%d)", seed, seed).isEmpty();
        assertThat(leaked).as("secrets in the service's log %s", log).isEmpty();
    }

    private RawHttp.Answer send(int port, FuzzRequest request) throws IOException, InterruptedException {
        if (request.body() == null && request.mutation().equals("raw path")) {
            return RawHttp.send(port, request.method(), request.target(), request.apiKey());
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + request.target()))
                .timeout(Duration.ofSeconds(60))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (request.apiKey() != null) {
            builder.header("X-API-Key", request.apiKey());
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        StringBuilder headers = new StringBuilder("HTTP/1.1 " + response.statusCode());
        response.headers().map().forEach((name, values) -> values.forEach(
                value -> headers.append("\r\n").append(name).append(": ").append(value)));
        return new RawHttp.Answer(response.statusCode(), headers.toString(), response.body());
    }

    /** What is wrong with this answer, if anything. */
    private static Optional<String> check(FuzzRequest request, RawHttp.Answer answer) {
        int status = answer.status();
        String body = answer.body();
        String contentType = answer.contentType();
        boolean healthAnswer = request.target().startsWith("/health") && status == 503 && body.contains("\"status\"");
        if (status >= 500 && !healthAnswer) {
            return Optional.of(request + " -> " + status + " " + abbreviate(body));
        }
        for (String secret : secrets()) {
            if (body.contains(secret) || answer.headers().contains(secret)) {
                return Optional.of(request + " -> the answer holds a secret: " + abbreviate(body));
            }
        }
        if (status >= 400 && status < 500 && !contentType.startsWith("application/problem+json")) {
            return Optional.of(request + " -> " + status + " is not a problem document (" + contentType + ")");
        }
        return Optional.empty();
    }

    private static void assertHealthy(Api api) {
        assertThat(api.get("/consumer/list").status()).isEqualTo(200);
        for (String service : List.of("kafka", "redis")) {
            Api.Response health = api.get("/health/" + service);
            assertThat(health.status()).as(service + ": " + health.body()).isEqualTo(200);
        }
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    private static List<String> secrets() {
        List<String> all = new ArrayList<>(SECRETS.all());
        all.add(API_KEY);
        all.add(SECRET_KEY);
        return all;
    }

    /** Topics the requests created in the shared broker, and the service's Redis database. */
    private void cleanUp() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka().bootstrapServers()))) {
            Set<String> created = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith("fz")).collect(Collectors.toSet());
            admin.deleteTopics(created).all().get();
        }
        RedisClient client = RedisClient.create(stack.redis().url() + "/7");
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushdb();
        } finally {
            client.shutdown();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
