package io.spillway.topic;

import io.spillway.api.ApiException;
import io.spillway.api.ConflictException;
import io.spillway.api.InvalidRequestException;
import io.spillway.api.NotFoundException;
import io.spillway.api.UpstreamFailureException;
import io.spillway.api.UpstreamUnavailableException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Waits for an Admin result and turns Kafka's failures into the API's: unreachable broker 503 naming
 * Kafka and the bootstrap address, unknown topic 404, existing topic 409, rejected settings 400.
 */
final class KafkaCall {
    /** Every Admin call is given this long; waiting a little longer lets Kafka's own timeout answer first. */
    static final int TIMEOUT_MS = 5_000;

    private KafkaCall() {
    }

    static <T> T await(KafkaFuture<T> future, String topic, String bootstrap) {
        try {
            return future.get(TIMEOUT_MS + 2_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), topic, bootstrap);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new UpstreamUnavailableException("Kafka", bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException("Kafka", bootstrap, e);
        }
    }

    static ApiException translate(Throwable cause, String topic, String bootstrap) {
        String message = cause.getMessage();
        if (cause instanceof TimeoutException) {
            return new UpstreamUnavailableException("Kafka", bootstrap, cause);
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return new NotFoundException("no topic named '" + topic + "': GET /topic/list shows the topics that exist");
        }
        if (cause instanceof TopicExistsException) {
            return new ConflictException("topic '" + topic + "' already exists: update it with PATCH /topic/update "
                    + "or choose another name");
        }
        if (cause instanceof InvalidTopicException || cause instanceof InvalidPartitionsException
                || cause instanceof InvalidReplicationFactorException
                || cause instanceof InvalidConfigurationException || cause instanceof PolicyViolationException
                || cause instanceof org.apache.kafka.common.errors.InvalidRequestException) {
            return new InvalidRequestException("Kafka rejected the request for topic '" + topic + "': " + message);
        }
        return new UpstreamFailureException("Kafka at " + bootstrap + " failed the request for topic '" + topic
                + "' (" + cause.getClass().getSimpleName() + "): " + message);
    }
}
