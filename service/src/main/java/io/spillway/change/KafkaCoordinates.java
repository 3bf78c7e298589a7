package io.spillway.change;

/** Where a record sits in Kafka: the unit of offset commits and of dead-lettering. */
public record KafkaCoordinates(String topic, int partition, long offset) {
    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
