package io.spillway.bench;

import com.sun.management.GcInfo;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Samples a JVM's heap (through JMX, attached by pid: no flags needed on the child) and its resident set
 * (/proc/&lt;pid&gt;/status VmRSS) every 200 ms while a run goes, and keeps the peaks. Heap "after GC" is
 * the heap left by the most recent collection: roughly the live set, where "peak heap" mostly tells how
 * far the collector let garbage grow under -Xmx.
 */
final class ProcessSampler implements AutoCloseable {
    /** Peaks of one run, in MB; -1 where a figure could not be read. */
    record Peaks(double heapMb, double heapAfterGcMb, double rssMb) {
    }

    private static final double MB = 1024.0 * 1024.0;

    private final long pid;
    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final List<com.sun.management.GarbageCollectorMXBean> collectors;
    private final Set<String> heapPools;
    private volatile boolean running;
    private Thread thread;
    private double peakHeap = -1;
    private double peakAfterGc = -1;
    private double peakRss = -1;
    private long lastGcSeen = -1;

    ProcessSampler(long pid) {
        this.pid = pid;
        try {
            MBeanServerConnection server;
            if (pid == ProcessHandle.current().pid()) {
                connector = null;
                server = ManagementFactory.getPlatformMBeanServer();
            } else {
                VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
                String address;
                try {
                    address = vm.startLocalManagementAgent();
                } finally {
                    vm.detach();
                }
                connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
                server = connector.getMBeanServerConnection();
            }
            memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                    MemoryMXBean.class);
            collectors = ManagementFactory.getPlatformMXBeans(server,
                    com.sun.management.GarbageCollectorMXBean.class);
            heapPools = ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class).stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                    .collect(Collectors.toSet());
        } catch (Exception e) {
            throw new BenchException("cannot attach to JVM " + pid + " to sample its heap: " + e, e);
        }
    }

    /** Starts a fresh set of peaks. */
    synchronized void start() {
        peakHeap = -1;
        peakAfterGc = -1;
        peakRss = -1;
        GcInfo before = latestGc();
        lastGcSeen = before == null ? -1 : before.getEndTime();
        running = true;
        thread = new Thread(this::loop, "sampler-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    synchronized Peaks stop() {
        running = false;
        if (thread == null) {
            return new Peaks(peakHeap, peakAfterGc, peakRss);
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        sample();
        return new Peaks(peakHeap, peakAfterGc, peakRss);
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        try {
            peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed() / MB);
            GcInfo gc = latestGc();
            if (gc != null && gc.getEndTime() != lastGcSeen) {
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool : gc.getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(pool.getKey())) {
                        used += pool.getValue().getUsed();
                    }
                }
                peakAfterGc = Math.max(peakAfterGc, used / MB);
                lastGcSeen = gc.getEndTime();
            }
        } catch (RuntimeException e) {
            // the JVM may be going away at the end of a run; keep what we have
        }
        peakRss = Math.max(peakRss, rssMb());
    }

    /** The most recent collection of any collector (G1 young, mixed or full). */
    private GcInfo latestGc() {
        GcInfo latest = null;
        for (com.sun.management.GarbageCollectorMXBean collector : collectors) {
            GcInfo info = collector.getLastGcInfo();
            if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                latest = info;
            }
        }
        return latest;
    }

    private double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
