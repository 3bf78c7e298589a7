package io.spillway.pipeline.trigger;

import io.spillway.egress.Endpoint;
import io.spillway.egress.Endpoints;
import io.spillway.pipeline.HttpTarget;
import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.JobTargets;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.Target;
import io.spillway.pipeline.TargetResolver;
import io.spillway.pipeline.TargetTimeouts;
import io.spillway.pipeline.Window;
import io.spillway.secret.Secrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code trigger}: loads nothing; calls the HTTP connection with the window's summary (or the connection's
 * body template filled from it), for an Airbyte sync, an Airflow DAG run or any webhook. Non-2xx fails.
 */
@Component
public class TriggerJob implements PipelineJob {
    /** How much of an endpoint's answer is read: enough to quote it in an error, never megabytes. */
    static final int ANSWER_BYTES_READ = 4096;

    private final JobTargets targets;
    private volatile HttpClient http;

    @Autowired
    public TriggerJob(ObjectProvider<TargetResolver> resolvers) {
        this.targets = JobTargets.of(resolvers);
    }

    public TriggerJob(TargetResolver resolver) {
        this.targets = JobTargets.of(resolver);
    }

    /** Made at first use, after the configured timeouts are applied; the request timeout is per connection. */
    private HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(TargetTimeouts.current().connect()).build();
            http = client;
        }
        return client;
    }

    @Override
    public String type() {
        return "trigger";
    }

    @Override
    public Optional<String> validate(JobContext context) {
        Optional<String> wrongType = targets.checkType(type(), context, Set.of("http"));
        if (wrongType.isPresent()) {
            return wrongType;
        }
        HttpTarget target = (HttpTarget) targets.resolve(context.connectionId());
        if (target.bodyTemplate() != null) {
            List<String> unknown = BodyTemplate.unknownPlaceholders(target.bodyTemplate());
            if (!unknown.isEmpty()) {
                return Optional.of("the body template of connection '" + context.connectionId()
                        + "' uses unknown placeholders " + unknown + "; known ones: "
                        + BodyTemplate.PLACEHOLDERS.stream().sorted().toList());
            }
        }
        return Optional.empty();
    }

    /** A call is about a whole window: a refused window is dead-lettered whole, never split into calls. */
    @Override
    public boolean loadsInParts() {
        return false;
    }

    @Override
    public JobResult run(JobContext context, Window window) throws Exception {
        Target resolved = targets.resolve(context.connectionId());
        if (!(resolved instanceof HttpTarget target)) {
            throw new IllegalStateException(validate(context).orElse("trigger needs an http connection"));
        }
        ObjectNode summary = WindowSummary.of(context, window);
        String body = target.bodyTemplate() == null ? WindowSummary.toJson(summary)
                : BodyTemplate.render(target.bodyTemplate(), summary);
        Duration timeout = Duration.ofMillis(target.timeoutMsOrDefault());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(timeout)
                .method(target.methodOrDefault(), HttpRequest.BodyPublishers.ofString(body));
        boolean contentType = false;
        for (Map.Entry<String, String> header : target.headers().entrySet()) {
            request.header(header.getKey(), header.getValue());
            contentType |= header.getKey().equalsIgnoreCase("Content-Type");
        }
        if (!contentType) {
            request.header("Content-Type", "application/json");
        }
        String where = target.methodOrDefault() + " " + Secrets.redactUrl(target.url());
        // Once per call, after resolution; redirects are never followed, so this is the only host reached.
        Endpoint endpoint = Endpoints.ofHttpUrl(target.url());
        target.egress().check(endpoint.host(), endpoint.port());
        HttpResponse<String> response;
        CompletableFuture<HttpResponse<String>> call = client().sendAsync(request.build(),
                BoundedBody.first(ANSWER_BYTES_READ));
        try {
            // The request timeout ends with the response's headers; this one bounds its body too.
            response = call.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new TriggerFailedException(where + " did not answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException timedOut) {
                throw new TriggerFailedException(where + " did not answer within " + timeout.toMillis() + " ms",
                        timedOut);
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new TriggerFailedException(where + " failed: " + cause.getMessage(), cause);
        }
        if (response.statusCode() / 100 != 2) {
            String answer = response.body() == null ? "" : response.body();
            throw new TriggerFailedException(where + " answered " + response.statusCode() + ": "
                    + (answer.length() > 300 ? answer.substring(0, 300) + "..." : answer), response.statusCode());
        }
        return JobResult.NOTHING;
    }
}
