package io.spillway.deadletter;

import io.spillway.api.PageLimit;
import io.spillway.consumer.ConsumerDefinitionValidator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A consumer's dead letters: list the newest with why, send chosen ones back once the cause is fixed. */
@RestController
@Tag(name = "Consumers")
class DeadLetterController {
    private final DeadLetterService deadLetters;

    DeadLetterController(DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Operation(summary = "Newest dead letters", description = "Records of the consumer's topic(s) sent to"
            + " <topic>.dlq, newest first: coordinates, when, reason, failure details, key and value (first 2,048"
            + " characters), whether already replayed. Reads at most the last 5,000 letters of each partition.")
    @ApiResponse(responseCode = "200", description = "Dead letters retrieved")
    @ApiResponse(responseCode = "400", description = "limit out of range")
    @ApiResponse(responseCode = "404", description = "Consumer not found")
    @GetMapping("/consumer/dead-letters/{consumer_id}")
    Map<String, Object> newest(@PathVariable("consumer_id") String consumerId,
            @RequestParam(name = "limit", defaultValue = "50") int limit) {
        ConsumerDefinitionValidator.requireValidId(consumerId);
        PageLimit.require(limit);
        List<DeadLetter> letters = deadLetters.newest(consumerId, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consumer_id", consumerId);
        body.put("dead_letters", letters);
        return body;
    }

    @Operation(summary = "Send dead letters back", description = "Each chosen letter (topic, partition, offset"
            + " from the list) is produced again, unchanged, to the topic it came from, where the consumer reads it"
            + " like any other record: fix the cause first. Per letter: replayed, already_replayed, not_found,"
            + " other_consumer, nothing_to_replay or failed.")
    @ApiResponse(responseCode = "200", description = "Letters processed; see each one's result")
    @ApiResponse(responseCode = "400", description = "A letter is not on one of the consumer's dead-letter topics")
    @ApiResponse(responseCode = "404", description = "Consumer not found")
    @PostMapping("/consumer/dead-letters/{consumer_id}/replay")
    Map<String, Object> replay(@PathVariable("consumer_id") String consumerId,
            @Valid @RequestBody ReplayRequest request) {
        ConsumerDefinitionValidator.requireValidId(consumerId);
        Map<String, String> results = deadLetters.replay(consumerId, request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consumer_id", consumerId);
        body.put("replayed", results.values().stream().filter("replayed"::equals).count());
        body.put("results", results);
        return body;
    }
}
