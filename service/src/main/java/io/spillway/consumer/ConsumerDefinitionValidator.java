package io.spillway.consumer;

import io.spillway.api.InvalidRequestException;
import io.spillway.connection.ConnectionCatalog;
import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.SchemaChangePolicy;
import io.spillway.secret.Secrets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.stereotype.Component;

/** Turns a start request into a {@link ConsumerDefinition}, or a 400 that lists every problem. */
@Component
public class ConsumerDefinitionValidator {
    /** Ids reach Kafka group names, Redis keys and URLs: keep them to a safe alphabet. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
    static final int MAX_TIME_LIMIT = 7 * 24 * 3600;
    static final int MAX_EVENT_LIMIT = 1_000_000;
    static final int MAX_ATTEMPTS_LIMIT = 100;
    static final int MAX_PATTERN_LENGTH = 256;
    /**
     * Regex constructs that can make matching take exponential time (a quantified group that is itself
     * quantified, a back-reference): the pattern runs against every topic name of the cluster.
     */
    private static final Pattern UNSAFE_REGEX = Pattern.compile("\\([^()]*[+*}][^()]*\\)[+*{]|\\\\[1-9]|\\\\k<");

    private final JobRegistry jobs;
    private final ConnectionCatalog connections;

    public ConsumerDefinitionValidator(JobRegistry jobs, ConnectionCatalog connections) {
        this.jobs = jobs;
        this.connections = connections;
    }

    public ConsumerDefinition validate(ConsumerCreationRequest r) {
        if (r == null) {
            throw new InvalidRequestException("the request body is missing: send a ConsumerCreationRequest JSON object");
        }
        List<String> problems = new ArrayList<>();
        checkId(problems, r.consumerId());
        boolean pattern = Boolean.TRUE.equals(r.topicPattern());
        checkTopic(problems, r.kafkaTopic(), pattern);
        if (r.pipelineName() == null || r.pipelineName().isBlank()) {
            problems.add("pipeline_name is required: a name for the pipeline's runs and Redis state");
        } else if (r.pipelineName().length() > 200 || r.pipelineName().chars().anyMatch(Character::isISOControl)
                || r.pipelineName().contains(":") || r.pipelineName().contains("{")
                || r.pipelineName().contains("}")) {
            // ':' separates key parts, braces would change the pipeline keys' Redis Cluster hash tag.
            problems.add("pipeline_name must be 1 to 200 printable characters without ':', '{' or '}'");
        }
        if (r.maxEvent() == null || r.maxEvent() < 1 || r.maxEvent() > MAX_EVENT_LIMIT) {
            problems.add("max_event must be an integer from 1 to " + MAX_EVENT_LIMIT + " (got " + r.maxEvent() + ")");
        }
        if (r.maxTime() == null || r.maxTime() < 1 || r.maxTime() > MAX_TIME_LIMIT) {
            problems.add("max_time must be a number of seconds from 1 to " + MAX_TIME_LIMIT + " (got " + r.maxTime() + ")");
        }
        String reset = r.autoOffsetReset() == null ? "earliest" : r.autoOffsetReset();
        if (!reset.equals("earliest") && !reset.equals("latest")) {
            problems.add("auto_offset_reset must be 'earliest' or 'latest' (got '" + r.autoOffsetReset() + "')");
        }
        if (r.targetTable() != null && !TABLE.matcher(r.targetTable()).matches()) {
            problems.add("target_table must be a table name [schema.]table of letters, digits and '_' (got '"
                    + r.targetTable() + "')");
        }
        String onFailure = r.onFailure() == null ? ConsumerDefinition.DEAD_LETTER : r.onFailure();
        if (!onFailure.equals(ConsumerDefinition.DEAD_LETTER) && !onFailure.equals(ConsumerDefinition.PAUSE)) {
            problems.add("on_failure must be 'dead_letter' (isolate refused changes into <topic>.dlq) or 'pause'"
                    + " (retry until someone acts) (got '" + Secrets.abbreviate(r.onFailure()) + "')");
        }
        int maxAttempts = r.maxAttempts() == null ? ConsumerDefinition.DEFAULT_MAX_ATTEMPTS : r.maxAttempts();
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            problems.add("max_attempts must be an integer from 1 to " + MAX_ATTEMPTS_LIMIT + " (got " + maxAttempts + ")");
        }
        SchemaChangePolicy schemaChanges = r.schemaChanges() == null ? SchemaChangePolicy.DEFAULT : r.schemaChanges();
        problems.addAll(schemaChanges.problems());
        Optional<PipelineJob> job = Optional.empty();
        if (r.jobType() == null || r.jobType().isBlank()) {
            problems.add("job_type is required: one of " + jobs.types());
        } else {
            job = jobs.find(r.jobType());
            if (job.isEmpty()) {
                problems.add("unknown job_type '" + r.jobType() + "': use one of " + jobs.types());
            }
        }
        if (r.connectionId() == null || r.connectionId().isBlank()) {
            problems.add("connection_id is required: register a target with POST /connection/create first");
        } else if (!ID.matcher(r.connectionId()).matches() || connections.typeOf(r.connectionId()).isEmpty()) {
            problems.add("unknown connection_id '" + r.connectionId()
                    + "': register it with POST /connection/create (GET /connection/list shows the known ones)");
        }
        if (problems.isEmpty() && job.isPresent()) {
            JobContext context = new JobContext(r.consumerId(), r.pipelineName(), r.connectionId(), r.targetTable(),
                    schemaChanges);
            job.get().validate(context).ifPresent(reason -> problems.add("job_type '" + r.jobType()
                    + "' cannot work with this consumer: " + reason));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("invalid consumer configuration: " + String.join("; ", problems));
        }
        return new ConsumerDefinition(r.consumerId(), r.kafkaTopic(), pattern, r.pipelineName(), r.connectionId(),
                r.maxEvent(), r.maxTime(), r.jobType(), reset, r.targetTable(), Instant.now().toString(), onFailure,
                maxAttempts, schemaChanges);
    }

    static void checkId(List<String> problems, String id) {
        if (id == null || id.isBlank()) {
            problems.add("consumer_id is required");
        } else if (!ID.matcher(id).matches()) {
            problems.add("consumer_id '" + id + "' must be 1 to 100 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
    }

    /** Checks a consumer id given as a path or query parameter: 400 when it could never name a consumer. */
    public static void requireValidId(String id) {
        List<String> problems = new ArrayList<>();
        checkId(problems, id);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems.get(0));
        }
    }

    private static void checkTopic(List<String> problems, String topic, boolean pattern) {
        if (topic == null || topic.isBlank()) {
            problems.add("kafka_topic is required: the Debezium change topic, e.g. db.public.person12");
        } else if (pattern) {
            if (topic.length() > MAX_PATTERN_LENGTH) {
                problems.add("kafka_topic is a regex of " + topic.length() + " characters; at most "
                        + MAX_PATTERN_LENGTH + " are taken (topic_pattern is true)");
                return;
            }
            try {
                Pattern.compile(topic);
            } catch (PatternSyntaxException e) {
                problems.add("kafka_topic is not a valid regex (topic_pattern is true): " + e.getDescription());
                return;
            }
            if (UNSAFE_REGEX.matcher(topic).find()) {
                problems.add("kafka_topic uses a nested quantifier or a back-reference, which can take exponential"
                        + " time to match: write it without them, e.g. 'db\\.public\\..*' (topic_pattern is true)");
            }
        } else if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            problems.add("kafka_topic '" + topic + "' is not a valid Kafka topic name (letters, digits, '.', '_', '-')");
        } else if (topic.endsWith(".dlq")) {
            problems.add("kafka_topic '" + topic + "' is a dead-letter topic, not a change topic");
        }
    }
}
