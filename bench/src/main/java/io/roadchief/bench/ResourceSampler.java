package io.roadchief.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Samples CPU and heap while a step runs. CPU comes from two places: the JVM's own view
 * (com.sun.management.OperatingSystemMXBean: this process and the whole machine) and /proc, which splits
 * the machine's CPU time between this JVM (publishers + Flink + the naive subscriber), the Mosquitto
 * processes it started, and PostgreSQL (all its processes), in cores (1.0 = one core busy).
 */
public final class ResourceSampler implements AutoCloseable {
    private static final double CLOCK_TICKS_PER_S = 100.0; // USER_HZ on Linux
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final Ticks start;
    private final long startNs = System.nanoTime();
    private double processLoadSum, systemLoadSum;
    private int samples;
    private long heapMaxUsed, heapMaxAfterGc;

    /**
     * CPU use over the sampled period, and heap: the most used at any sample (garbage included, so it follows
     * -Xmx) and the most still in use after a collection (the live set, which is what must fit).
     */
    public record Usage(double processCpuPct, double systemCpuPct, double jvmCores, double mosquittoCores,
                        double postgresCores, double otherCores, long heapMaxUsedBytes, long heapLiveAfterGcBytes) {}

    /** Heap in use right after the latest collection of each heap pool (the live set, as of those collections). */
    private static long heapAfterLastGc() {
        long sum = 0;
        for (java.lang.management.MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == java.lang.management.MemoryType.HEAP && p.getCollectionUsage() != null) sum += p.getCollectionUsage().getUsed();
        }
        return sum;
    }

    private record Ticks(long jvm, long mosquitto, long postgres, long total) {}

    public ResourceSampler() {
        os.getProcessCpuLoad(); // the first call primes the measurement
        os.getCpuLoad();
        start = ticks();
        thread = new Thread(() -> {
            while (running.get()) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (this) {
                    double p = os.getProcessCpuLoad(), s = os.getCpuLoad();
                    if (p >= 0 && s >= 0) {
                        processLoadSum += p;
                        systemLoadSum += s;
                        samples++;
                    }
                    heapMaxUsed = Math.max(heapMaxUsed, memory.getHeapMemoryUsage().getUsed());
                    heapMaxAfterGc = Math.max(heapMaxAfterGc, heapAfterLastGc());
                }
            }
        }, "bench-resource-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized Usage usage() {
        Ticks end = ticks();
        double seconds = (System.nanoTime() - startNs) / 1e9;
        double jvm = cores(end.jvm - start.jvm, seconds), mosq = cores(end.mosquitto - start.mosquitto, seconds),
                pg = cores(end.postgres - start.postgres, seconds), all = cores(end.total - start.total, seconds);
        return new Usage(samples == 0 ? 0 : 100 * processLoadSum / samples, samples == 0 ? 0 : 100 * systemLoadSum / samples,
                jvm, mosq, pg, Math.max(0, all - jvm - mosq - pg), Math.max(heapMaxUsed, memory.getHeapMemoryUsage().getUsed()),
                Math.max(heapMaxAfterGc, heapAfterLastGc()));
    }

    private static double cores(long ticks, double seconds) {
        return seconds <= 0 ? 0 : ticks / CLOCK_TICKS_PER_S / seconds;
    }

    private static Ticks ticks() {
        long self = ProcessHandle.current().pid();
        long jvm = 0, mosq = 0, pg = 0, total = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException | RuntimeException e) {
                    continue; // the process ended meanwhile
                }
                int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                if (open < 0 || close < 0) continue;
                String comm = stat.substring(open + 1, close);
                String[] f = stat.substring(close + 2).split(" ");
                // after "(comm) ": state ppid ... utime is field 14 overall = index 11 here, stime index 12
                long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                long pid = Long.parseLong(name), ppid = Long.parseLong(f[1]);
                total += t;
                if (pid == self) jvm += t;
                else if (comm.startsWith("mosquitto") && ppid == self) mosq += t;
                else if (comm.startsWith("postgres")) pg += t;
            }
        } catch (IOException e) {
            return new Ticks(0, 0, 0, 0);
        }
        return new Ticks(jvm, mosq, pg, total);
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
    }
}
