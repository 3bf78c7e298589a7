package io.spillway.consumer;

import io.spillway.api.ConflictException;
import io.spillway.api.NotFoundException;
import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.engine.ConsumerRunner;
import io.spillway.consumer.engine.DeadLetterPublisher;
import io.spillway.consumer.engine.RunnerStatus;
import io.spillway.consumer.run.RunHistory;
import io.spillway.consumer.window.WindowCounter;
import io.spillway.consumer.window.WindowPlan;
import io.spillway.kafka.KafkaClients;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.WindowCloseReason;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/** Starts, stops and describes consumers: the definitions live in Redis, the runners on this instance. */
@Service
public class ConsumerService {
    private final ConsumerStore store;
    private final ConsumerDefinitionValidator validator;
    private final JobRegistry jobs;
    private final WindowCounter counter;
    private final RunHistory history;
    private final DeadLetterPublisher deadLetters;
    private final SpillwayProperties properties;
    private final KafkaClients clients;
    private final String instanceId;
    private final Map<String, ConsumerRunner> runners = new ConcurrentHashMap<>();

    public ConsumerService(ConsumerStore store, ConsumerDefinitionValidator validator, JobRegistry jobs,
            WindowCounter counter, RunHistory history, DeadLetterPublisher deadLetters,
            SpillwayProperties properties, KafkaClients clients) {
        this.store = store;
        this.validator = validator;
        this.jobs = jobs;
        this.counter = counter;
        this.history = history;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.clients = clients;
        this.instanceId = ManagementFactory.getRuntimeMXBean().getName().replaceAll("[^A-Za-z0-9@._-]", "")
                + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String instanceId() {
        return instanceId;
    }

    public synchronized ConsumerDefinition start(ConsumerCreationRequest request) {
        ConsumerDefinition definition = validator.validate(request);
        Map<String, ConsumerDefinition> existing = store.all();
        if (existing.containsKey(definition.consumerId()) || runners.containsKey(definition.consumerId())) {
            throw new ConflictException("a consumer with id '" + definition.consumerId() + "' exists: stop it first"
                    + " (POST /consumer/stop?consumer_id=" + definition.consumerId() + ") or choose another id");
        }
        int most = properties.consumer().maxPerInstance();
        if (runners.size() >= most) {
            throw new ConflictException("this instance already runs " + runners.size() + " consumers, the most it"
                    + " takes (spillway.consumer.max-per-instance = " + most + "): stop one, or raise the limit"
                    + " if the machine has room");
        }
        existing.values().stream()
                .filter(d -> d.pipelineName().equals(definition.pipelineName()))
                .findFirst()
                .ifPresent(d -> {
                    throw new ConflictException("pipeline_name '" + definition.pipelineName() + "' is used by consumer '"
                            + d.consumerId() + "': each pipeline keeps its own window state, choose another name");
                });
        if (!store.saveNew(definition)) {
            throw new ConflictException("a consumer with id '" + definition.consumerId() + "' exists");
        }
        launch(definition);
        return definition;
    }

    /** Stops the consumer on every instance (the others follow the deleted definition). */
    public synchronized RunnerStatus stop(String consumerId) {
        boolean defined = store.delete(consumerId);
        ConsumerRunner runner = runners.remove(consumerId);
        if (!defined && runner == null) {
            throw notFound(consumerId);
        }
        if (runner == null) {
            return null;
        }
        runner.stop(Duration.ofSeconds(30));
        return runner.status();
    }

    public WindowPlan trigger(String consumerId) {
        ConsumerDefinition definition = definition(consumerId);
        return counter.count(definition, null, List.of(), WindowCloseReason.MANUAL, 0, Instant.now());
    }

    public ConsumerDefinition definition(String consumerId) {
        ConsumerRunner runner = runners.get(consumerId);
        if (runner != null) {
            return runner.definition();
        }
        return store.find(consumerId).orElseThrow(() -> notFound(consumerId));
    }

    public Optional<RunnerStatus> localStatus(String consumerId) {
        return Optional.ofNullable(runners.get(consumerId)).map(ConsumerRunner::status);
    }

    /** Every consumer this instance knows: the stored definitions and its own runners. */
    public Map<String, ConsumerDefinition> all() {
        Map<String, ConsumerDefinition> all = new java.util.TreeMap<>();
        try {
            all.putAll(store.all());
        } finally {
            runners.forEach((id, r) -> all.putIfAbsent(id, r.definition()));
        }
        return all;
    }

    public Map<String, ConsumerRunner> runners() {
        return runners;
    }

    /** Starts a runner on this instance for a stored definition (resume, or started on another instance). */
    synchronized void launch(ConsumerDefinition definition) {
        if (runners.containsKey(definition.consumerId())) {
            return;
        }
        PipelineJob job = jobs.find(definition.jobType()).orElseThrow(() -> new IllegalStateException(
                "consumer " + definition.consumerId() + " needs job_type '" + definition.jobType()
                        + "', which this instance does not have (known: " + jobs.types() + ")"));
        ConsumerRunner runner = new ConsumerRunner(definition, job, counter, history, deadLetters, properties,
                instanceId, clients);
        runners.put(definition.consumerId(), runner);
        runner.start();
    }

    /** Stops the local runner only (the definition was deleted on another instance). */
    synchronized void stopLocal(String consumerId) {
        ConsumerRunner runner = runners.remove(consumerId);
        if (runner != null) {
            runner.stop(Duration.ofSeconds(30));
        }
    }

    @PreDestroy
    void shutdown() {
        runners.values().forEach(r -> r.stop(Duration.ofSeconds(15)));
        runners.clear();
    }

    static NotFoundException notFound(String consumerId) {
        return new NotFoundException("no consumer '" + consumerId + "': GET /consumer/list shows the consumers,"
                + " POST /consumer/start creates one");
    }
}
