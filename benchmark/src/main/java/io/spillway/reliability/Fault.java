package io.spillway.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One fault the suite injects. {@link #inject} returns when the fault is over (the killed process is
 * back, the stopped server answers again, the bad records are on the topic); recovery is timed from then.
 */
public sealed interface Fault {
    String KINDS = "service-kill, redis-flushall, redis-restart, kafka-restart, connect-restart, target-stop, malformed";

    String kind();

    void inject(ReliabilityStack stack) throws Exception;

    /** SIGKILL of the service JVM, then a start of the same jar on the same port. */
    record ServiceKill() implements Fault {
        public String kind() {
            return "service-kill";
        }

        public void inject(ReliabilityStack stack) {
            stack.killService();
            stack.startService();
        }
    }

    /** {@code FLUSHALL}: Redis loses the windows, the counters and the stored definitions at once. */
    record RedisFlushAll() implements Fault {
        public String kind() {
            return "redis-flushall";
        }

        public void inject(ReliabilityStack stack) {
            stack.flushRedis();
        }
    }

    /** The same {@code redis-server} stopped and started on the same port and data directory. */
    record RedisRestart() implements Fault {
        public String kind() {
            return "redis-restart";
        }

        public void inject(ReliabilityStack stack) {
            stack.devstack().restartRedis();
        }
    }

    /** The Kafka broker stopped (SIGTERM) and started again: every client loses its connection. */
    record KafkaRestart() implements Fault {
        public String kind() {
            return "kafka-restart";
        }

        public void inject(ReliabilityStack stack) {
            stack.devstack().restartKafka();
        }
    }

    /** The Kafka Connect worker stopped and started: Debezium stops capturing and resumes from its offsets. */
    record ConnectRestart() implements Fault {
        public String kind() {
            return "connect-restart";
        }

        public void inject(ReliabilityStack stack) {
            stack.devstack().restartConnect();
        }
    }

    /** The target PostgreSQL server stopped for {@code outage}, then started on the same port and data. */
    record TargetStop(Duration outage) implements Fault {
        public String kind() {
            return "target-stop";
        }

        public void inject(ReliabilityStack stack) throws InterruptedException {
            stack.stopTarget();
            Thread.sleep(outage.toMillis()); // the outage itself, not a wait for a condition
            stack.startTarget();
        }
    }

    /** Records on the change topic that cannot become a change (see {@link MalformedRecords}). */
    record Malformed() implements Fault {
        public String kind() {
            return "malformed";
        }

        public void inject(ReliabilityStack stack) {
            stack.produce(MalformedRecords.all());
        }
    }

    /** {@code all} or a comma-separated list of kinds; {@code service-kill} counts {@code kills} times. */
    static List<Fault> parse(String kinds, int kills, Duration targetStop) {
        List<String> names = kinds.equals("all") ? Arrays.asList(KINDS.split(", ")) : Arrays.asList(kinds.split(","));
        List<Fault> faults = new ArrayList<>();
        for (String name : names) {
            switch (name.trim()) {
                case "service-kill" -> {
                    for (int i = 0; i < kills; i++) {
                        faults.add(new ServiceKill());
                    }
                }
                case "redis-flushall" -> faults.add(new RedisFlushAll());
                case "redis-restart" -> faults.add(new RedisRestart());
                case "kafka-restart" -> faults.add(new KafkaRestart());
                case "connect-restart" -> faults.add(new ConnectRestart());
                case "target-stop" -> faults.add(new TargetStop(targetStop));
                case "malformed" -> faults.add(new Malformed());
                case "none" -> {
                    // a run with the load only
                }
                default -> throw new IllegalArgumentException("unknown fault kind '" + name.trim() + "'; kinds: " + KINDS);
            }
        }
        return faults;
    }
}
