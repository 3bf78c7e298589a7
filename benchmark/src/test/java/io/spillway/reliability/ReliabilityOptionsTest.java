package io.spillway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReliabilityOptionsTest {
    @Test
    void allFaultsByDefaultWithThreeServiceKillsAndAThirtySecondTargetStop() {
        ReliabilityOptions options = ReliabilityOptions.parse("--seed", "5");
        assertThat(options.faults()).map(Fault::kind).containsExactlyInAnyOrder("service-kill", "service-kill",
                "service-kill", "redis-flushall", "redis-restart", "kafka-restart", "connect-restart", "target-stop",
                "malformed");
        assertThat(options.faults()).contains(new Fault.TargetStop(Duration.ofSeconds(30)));
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(600));
        assertThat(options.seed()).isEqualTo(5);
        assertThat(options.commandLine()).isEqualTo("./spillway reliability --seed 5");
    }

    @Test
    void aFaultListLeavesTheOthersOut() {
        ReliabilityOptions options = ReliabilityOptions.parse("--faults", "service-kill,target-stop",
                "--service-kills", "2", "--target-stop", "10", "--no-docs");
        assertThat(options.faults()).containsExactly(new Fault.ServiceKill(), new Fault.ServiceKill(),
                new Fault.TargetStop(Duration.ofSeconds(10)));
        assertThat(options.docsFile()).isNull();
    }

    @Test
    void unknownKindsAndOptionsAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> ReliabilityOptions.parse("--faults", "power-cut"))
                .hasMessageContaining("unknown fault kind 'power-cut'").hasMessageContaining("kafka-restart");
        assertThatThrownBy(() -> ReliabilityOptions.parse("--duration", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ReliabilityOptions.parse("--fast")).hasMessageContaining("usage:");
    }
}
