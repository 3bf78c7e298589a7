package io.spillway.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Plain KafkaConsumers in this JVM that read the topic and do nothing else: the ceiling only touches each
 * record's bytes (what reading the topic costs on this machine: nothing of ours can beat it), the naive
 * consumer also parses each value into a JSON tree (Jackson 3), the way a first attempt would.
 */
final class RawRun {
    private RawRun() {
    }

    /** Reads every change; {@code parse} builds a JSON tree of each value (the naive consumer). */
    static RunResult run(BenchEnv env, long changes, boolean parse) {
        String name = parse ? BenchReport.NAIVE : BenchReport.CEILING;
        String topic = BenchEnv.topic(SourceTable.MAIN);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.stack.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + (parse ? "naive-" : "ceiling-") + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (ProcessSampler sampler = new ProcessSampler(ProcessHandle.current().pid());
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            sampler.start();
            long read = 0;
            long parsedOps = 0;
            long bytes = 0;
            long started = 0;
            CpuSplit cpu = CpuSplit.of(env);
            CpuSplit.Snapshot cpuFrom = null;
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (read < changes) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty() && started == 0) {
                    started = System.nanoTime();
                    cpuFrom = cpu.take();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (parse) {
                        JsonNode value = JsonHttp.JSON.readTree(record.value());
                        if (value.path("payload").path("op").isString()) {
                            parsedOps++;
                        }
                    } else {
                        bytes += record.value() == null ? 0 : record.value().length;
                    }
                    read++;
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchException(name + " read only " + read + " of " + changes + " in 600 s");
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            CpuUsage cpuUsage = CpuSplit.between(cpuFrom, cpu.take());
            ProcessSampler.Peaks peaks = sampler.stop();
            if (parse && parsedOps != changes) {
                throw new BenchException(name + " parsed " + parsedOps + " change events out of " + read
                        + " records: the topic holds something else");
            }
            String check = parse ? "all parsed" : String.format("%,d records, %,d MB", read, bytes >> 20);
            return new RunResult(name, true, null, changes, seconds, peaks.heapMb(),
                    peaks.heapAfterGcMb(), peaks.rssMb(), -1, -1, check, RedisFootprint.NONE).withCpu(cpuUsage);
        } catch (RuntimeException e) {
            return RunResult.failed(name, changes, e.getMessage());
        }
    }
}
