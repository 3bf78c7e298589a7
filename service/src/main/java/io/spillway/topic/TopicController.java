package io.spillway.topic;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The seed's Kafka topic endpoints. */
@RestController
@Tag(name = "Topics", description = "Kafka topics")
public class TopicController {
    private final TopicService topics;

    public TopicController(TopicService topics) {
        this.topics = topics;
    }

    @Operation(summary = "List the topics (internal topics excluded), sorted by name")
    @ApiResponse(responseCode = "200", description = "Topics list retrieved successfully")
    @ApiResponse(responseCode = "503", description = "Kafka is not reachable")
    @GetMapping("/topic/list")
    List<String> list() {
        return topics.list();
    }

    @Operation(summary = "A topic's partitions, replication factor and config")
    @ApiResponse(responseCode = "200", description = "Topic configuration retrieved")
    @ApiResponse(responseCode = "400", description = "Invalid topic name")
    @ApiResponse(responseCode = "404", description = "Topic not found")
    @ApiResponse(responseCode = "503", description = "Kafka is not reachable")
    @GetMapping("/topic/config")
    TopicDetails config(@RequestParam("topic_name") String topicName) {
        return topics.details(topicName);
    }

    @Operation(summary = "Create a topic",
            description = "retention_ms/retention_bytes: 0 or absent = broker default, -1 = unlimited")
    @ApiResponse(responseCode = "201", description = "Topic created successfully")
    @ApiResponse(responseCode = "400", description = "Invalid topic configuration")
    @ApiResponse(responseCode = "409", description = "Topic already exists")
    @ApiResponse(responseCode = "422", description = "A required field is missing")
    @ApiResponse(responseCode = "503", description = "Kafka is not reachable")
    @PostMapping("/topic/create")
    @ResponseStatus(HttpStatus.CREATED)
    TopicDetails create(@Valid @RequestBody CreateTopicRequest request) {
        return topics.create(request);
    }

    @Operation(summary = "Update a topic's retention",
            description = "A field left out is unchanged; 0 goes back to the broker default; -1 is unlimited")
    @ApiResponse(responseCode = "200", description = "Topic successfully updated")
    @ApiResponse(responseCode = "400", description = "Invalid update request")
    @ApiResponse(responseCode = "404", description = "Topic not found")
    @ApiResponse(responseCode = "422", description = "Validation Error")
    @ApiResponse(responseCode = "503", description = "Kafka is not reachable")
    @PatchMapping("/topic/update")
    TopicDetails update(@Valid @RequestBody UpdateTopicRequest request) {
        return topics.update(request);
    }

    @Operation(summary = "Delete a topic")
    @ApiResponse(responseCode = "204", description = "Topic deleted successfully")
    @ApiResponse(responseCode = "400", description = "Invalid topic name")
    @ApiResponse(responseCode = "404", description = "Topic not found")
    @ApiResponse(responseCode = "503", description = "Kafka is not reachable")
    @DeleteMapping("/topic/delete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@RequestParam("topic_name") String topicName) {
        topics.delete(topicName);
    }
}
