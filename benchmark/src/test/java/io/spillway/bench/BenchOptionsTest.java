package io.spillway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsToAMillionChangesWithoutSweep() {
        BenchOptions options = BenchOptions.parse();
        assertThat(options.changes()).isEqualTo(1_000_000);
        assertThat(options.sweep()).isFalse();
        assertThat(options.latencyChanges()).isEqualTo(10_000);
        assertThat(options.commandLine()).isEqualTo("./spillway bench");
        assertThat(options.maxEvents()).containsExactly(10, 100, 10_000, 100_000);
        assertThat(options.compression()).isEqualTo("zstd");
        assertThat(options.scale()).isFalse();
    }

    @Test
    void commandLineShowsTheUsersOptionsNotTheScriptsPlumbing() {
        BenchOptions options = BenchOptions.parse("--service-jar", "x.jar", "--command-line", "./spillway bench",
                "--changes", "100_000", "--sweep");
        assertThat(options.changes()).isEqualTo(100_000);
        assertThat(options.sweep()).isTrue();
        assertThat(options.serviceJar()).isEqualTo(Path.of("x.jar"));
        assertThat(options.commandLine()).isEqualTo("./spillway bench --changes 100_000 --sweep");
        assertThat(options.maxEvents()).containsExactly(10, 100, 1_000, 10_000, 100_000);
        assertThat(BenchOptions.parse("--compression", "lz4").compression()).isEqualTo("lz4");
        BenchOptions scale = BenchOptions.parse("--command-line", "./spillway bench", "--scale", "--changes", "5");
        assertThat(scale.scale()).isTrue();
        assertThat(scale.commandLine()).isEqualTo("./spillway bench --scale --changes 5");
    }

    @Test
    void badValuesSayWhatIsWrong() {
        assertThatThrownBy(() -> BenchOptions.parse("--changes", "lots")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> BenchOptions.parse("--changes", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BenchOptions.parse("--changes")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("unknown option '--fast'");
        assertThatThrownBy(() -> BenchOptions.parse("--compression", "gzip")).hasMessageContaining("[none, lz4, zstd]");
    }
}
