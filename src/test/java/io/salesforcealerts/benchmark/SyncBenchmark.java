package io.salesforcealerts.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;

/**
 * Syncs a simulated org of N users (no network delay) into a fresh H2 database through the real
 * runtime and prints wall time, users per second and peak heap. Not a test: run it with
 * {@code mvn -B -Pbenchmark verify} (options: -Dbenchmark.users=200000 -Dbenchmark.heap=256m).
 */
public final class SyncBenchmark {

    public static void main(String[] args) throws Exception {
        int users = Integer.getInteger("benchmark.users", 200_000);
        int runs = Integer.getInteger("benchmark.runs", 2);
        Path dataDir = Files.createTempDirectory("sync-benchmark");
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(42L, users))) {
            Map<String, String> props = RuntimeHarness.defaults(simulator, dataDir);
            try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
                System.gc();
                long heapAtStart = usedHeap();
                resetPeaks();
                for (int run = 1; run <= runs; run++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = runtime.post("/api/sync");
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("sync failed: " + response.body());
                    }
                    long stored = runtime.count("SELECT COUNT(*) FROM sf_user");
                    System.out.printf("run %d (%s): %d users in %.2f s = %.0f users/s; %d users stored; peak heap %d MiB%n",
                            run, run == 1 ? "all inserts" : "all updates", users, seconds, users / seconds, stored,
                            peakHeap() >> 20);
                }
                System.gc();
                System.out.printf("max heap %d MiB; heap after GC at start %d MiB, at end %d MiB%n",
                        Runtime.getRuntime().maxMemory() >> 20, heapAtStart >> 20, usedHeap() >> 20);
            }
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks since the reset (an upper bound: pools peak at different times). */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
