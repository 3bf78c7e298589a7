package io.spillway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOnOneToHundred() {
        double[] samples = IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray();
        Percentiles p = new Percentiles(samples);
        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(95)).isEqualTo(95);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(100)).isEqualTo(100);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void smallSetsRoundUp() {
        Percentiles p = new Percentiles(new double[] {5, 1, 3});
        assertThat(p.at(50)).isEqualTo(3);
        assertThat(p.at(99)).isEqualTo(5);
        assertThat(p.at(1)).isEqualTo(1);
    }

    @Test
    void oneOutlierInAThousandShowsAtP99Point9NotP99() {
        double[] samples = new double[1000];
        java.util.Arrays.fill(samples, 10);
        samples[500] = 5000;
        Percentiles p = new Percentiles(samples);
        assertThat(p.at(99)).isEqualTo(10);
        assertThat(p.max()).isEqualTo(5000);
    }

    @Test
    void doesNotSortTheCallersArray() {
        double[] samples = {3, 1, 2};
        new Percentiles(samples);
        assertThat(samples).containsExactly(3, 1, 2);
    }

    @Test
    void rejectsNoSamplesAndBadPercentiles() {
        assertThatThrownBy(() -> new Percentiles(new double[0])).isInstanceOf(IllegalArgumentException.class);
        Percentiles p = new Percentiles(new double[] {1});
        assertThatThrownBy(() -> p.at(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.at(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
