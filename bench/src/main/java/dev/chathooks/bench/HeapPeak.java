package dev.chathooks.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The peak heap use of this process, from the memory pool MX beans: the sum of each heap pool's peak since the
 * last reset. The pools peak at different moments, so the sum is an upper bound of the heap ever in use at once.
 */
final class HeapPeak {
    private HeapPeak() {}

    /** Starts a new measurement. */
    static void reset() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Megabytes (2^20 bytes) at the peak since the last reset. */
    static double megabytes() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024.0);
    }
}
