package io.spillway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuSplitTest {
    /** A stat line as Linux writes it: pid (comm) state ppid ... utime stime cutime cstime ... */
    private static String stat(long pid, String comm, long parent, long utime, long stime, long cutime, long cstime) {
        return pid + " (" + comm + ") S " + parent + " " + pid + " " + pid + " 0 -1 4194560 100 0 0 0 " + utime + " "
                + stime + " " + cutime + " " + cstime + " 20 0 12 0 1000 200000000 3000 18446744073709551615";
    }

    @Test
    void aStatLineGivesTheParentAndTheCpuTicksEvenWhenTheCommandHasSpacesAndParentheses() {
        ProcStat s = ProcStat.parse(stat(4242, "java) (x y", 17, 250, 50, 30, 20));
        assertThat(s.pid()).isEqualTo(4242);
        assertThat(s.parent()).isEqualTo(17);
        assertThat(s.ownSeconds()).isEqualTo(3.0);
        assertThat(s.withReapedSeconds()).isEqualTo(3.5);
        assertThatThrownBy(() -> ProcStat.parse("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisProcessCanBeReadOnLinux() {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            System.out.println("CpuSplitTest: not Linux, /proc is not read here");
            return;
        }
        ProcStat self = ProcStat.of(ProcessHandle.current().pid()).orElseThrow();
        assertThat(self.parent()).isEqualTo(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L));
        assertThat(self.ownSeconds()).isPositive();
        assertThat(ProcStat.all()).extracting(ProcStat::pid).contains(self.pid());
    }

    @Test
    void postgresCountsItsLiveBackendsAndThoseItReapedOnce() {
        CpuSplit split = new CpuSplit(Map.of(CpuSplit.Part.POSTGRES, 10L, CpuSplit.Part.SERVICE, 20L));
        // Backend 11 lives through the row, 12 ends during it (its time moves into the postmaster's reaped
        // children), 13 starts during it; 30 is no child of the postmaster.
        CpuSplit.Snapshot before = split.take(List.of(
                ProcStat.parse(stat(10, "postgres", 1, 100, 0, 500, 0)),
                ProcStat.parse(stat(11, "postgres", 10, 200, 0, 0, 0)),
                ProcStat.parse(stat(12, "postgres", 10, 300, 0, 0, 0)),
                ProcStat.parse(stat(20, "java", 1, 1000, 100, 0, 0)),
                ProcStat.parse(stat(30, "postgres", 1, 900, 0, 0, 0))), 0);
        CpuSplit.Snapshot after = split.take(List.of(
                ProcStat.parse(stat(10, "postgres", 1, 110, 0, 850, 0)), // 12 reaped with 350 ticks in all
                ProcStat.parse(stat(11, "postgres", 10, 260, 0, 0, 0)),
                ProcStat.parse(stat(13, "postgres", 10, 40, 0, 0, 0)),
                ProcStat.parse(stat(20, "java", 1, 1300, 200, 0, 0)),
                ProcStat.parse(stat(30, "postgres", 1, 5000, 0, 0, 0))), 2_000_000_000L);
        CpuUsage usage = CpuSplit.between(before, after);
        // postmaster 0.1 s + backend 11 0.6 s + backend 12's last 0.5 s + backend 13 0.4 s
        assertThat(usage.cpuSeconds().get(CpuSplit.Part.POSTGRES)).isCloseTo(1.6, offset(1e-9));
        assertThat(usage.cpuSeconds().get(CpuSplit.Part.SERVICE)).isCloseTo(4.0, offset(1e-9));
        assertThat(usage.wallSeconds()).isEqualTo(2.0);
        assertThat(usage.cores(CpuSplit.Part.SERVICE)).isEqualTo(2.0);
        assertThat(usage.systemCores()).isCloseTo(2.8, offset(1e-9));
        assertThat(usage.msPer1000(CpuSplit.Part.POSTGRES, 100_000)).isCloseTo(16.0, offset(1e-9));
        assertThat(usage.cores(CpuSplit.Part.REDIS)).as("not measured").isEqualTo(-1);
    }

    @Test
    void aPartWhoseProcessIsGoneIsLeftOutNotCountedAsZero() {
        CpuSplit split = new CpuSplit(Map.of(CpuSplit.Part.REDIS, 5L, CpuSplit.Part.HARNESS, 6L));
        CpuSplit.Snapshot before = split.take(List.of(ProcStat.parse(stat(5, "redis-server", 1, 10, 0, 0, 0)),
                ProcStat.parse(stat(6, "java", 1, 10, 0, 0, 0))), 0);
        CpuSplit.Snapshot after = split.take(List.of(ProcStat.parse(stat(6, "java", 1, 110, 0, 0, 0))), 1_000_000_000L);
        CpuUsage usage = CpuSplit.between(before, after);
        assertThat(usage.cpuSeconds()).containsOnlyKeys(CpuSplit.Part.HARNESS);
        assertThat(usage.systemCores()).as("the harness is not the system under test").isZero();
        assertThat(CpuUsage.NONE.measured()).isFalse();
    }
}
