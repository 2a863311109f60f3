package dev.chathooks.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JIT compiler's total time in this JVM, to show whether a warm round still compiles: a round whose share of
 * compilation is small measures the steady state a long-running service sees.
 */
final class JitTime {
    private JitTime() {
    }

    /** Milliseconds the JIT compilers have spent so far (summed over their threads), or 0 if the JVM does not say. */
    static long millis() {
        CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        return bean != null && bean.isCompilationTimeMonitoringSupported() ? bean.getTotalCompilationTime() : 0;
    }
}
