package dev.chathooks.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time this process used during a phase, for the CPU-per-event figures: on a shared machine the rates move
 * with the neighbours' load, the CPU a phase costs much less.
 *
 * <p>The JVM reports the process's CPU time ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}) in
 * steps of the operating system's clock tick (10 ms on Linux), too coarse for a phase of a few milliseconds. So a
 * thread of its own reads it every millisecond and keeps the moments it stepped up; the CPU time at any moment is
 * read between the steps around it, as if it grew evenly from one to the next. The measured code does not pay for
 * the reads (a system call each), and the error is about one step at each end of a phase.
 *
 * <p>With each step it also keeps the JIT compilers' total compilation time ({@link CompilationMXBean}), so that a
 * phase can say how much of it the JIT was still compiling: a warm figure is only warm once that is little.
 */
final class ProcessCpu implements AutoCloseable {
    private static final long INTERVAL_MILLIS = 1;
    /** How long {@link #nanosBetween} waits for the next step after a phase, when the process is nearly idle. */
    private static final long LONGEST_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final com.sun.management.OperatingSystemMXBean bean;
    /** The JIT's compilation time, or null when the JVM does not report it. */
    private final CompilationMXBean compilation;

    private final Thread sampler;
    /** When the CPU time was first seen at each value, oldest first; the first entry is the start. */
    private long[] stepNanos = new long[1024];

    private long[] stepCpuNanos = new long[1024];
    /** The JIT's total compilation time at each step, in milliseconds. */
    private long[] stepJitMillis = new long[1024];

    private int steps;
    private volatile boolean closed;

    private ProcessCpu(com.sun.management.OperatingSystemMXBean bean) {
        this.bean = bean;
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        this.compilation = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit : null;
        sample();
        this.sampler = new Thread(this::sampleUntilClosed, "bench-process-cpu");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Starts sampling; a phase measured with it must begin after this call.
     *
     * @throws IllegalStateException if this JVM does not report its process's CPU time
     */
    static ProcessCpu start() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        if (!(bean instanceof com.sun.management.OperatingSystemMXBean cpuBean) || cpuBean.getProcessCpuTime() < 0) {
            throw new IllegalStateException("this JVM does not report the process's CPU time, which the CPU-per-event"
                    + " figures need (com.sun.management.OperatingSystemMXBean)");
        }
        return new ProcessCpu(cpuBean);
    }

    /**
     * The CPU time used by this process, all threads together, from {@code fromNanos} to {@code toNanos}: both
     * {@link System#nanoTime()} values since {@link #start()}, not in the future. Waits for the CPU time's next step
     * after {@code toNanos} if it has not come yet (up to 2 s).
     *
     * @return nanoseconds of CPU time
     */
    long nanosBetween(long fromNanos, long toNanos) {
        long waitedSince = System.nanoTime();
        while (lastStepNanos() < toNanos && System.nanoTime() - waitedSince < LONGEST_WAIT_NANOS && sleep()) {
            sample();
        }
        synchronized (this) {
            if (toNanos < fromNanos || fromNanos < stepNanos[0]) {
                throw new IllegalArgumentException(
                        "a phase must begin after the sampling starts and end after it" + " begins");
            }
            return Math.round(cpuAt(toNanos) - cpuAt(fromNanos));
        }
    }

    /**
     * How long the JIT compilers spent compiling from {@code fromNanos} to {@code toNanos} (as for
     * {@link #nanosBetween}), to the CPU time's steps around them: the JVM's total compilation time, which is the
     * compiler threads' time, so it can be more than the span on a machine of several cores.
     *
     * @return milliseconds of compilation, or -1 if this JVM does not report it
     */
    long jitMillisBetween(long fromNanos, long toNanos) {
        if (compilation == null) {
            return -1;
        }
        nanosBetween(fromNanos, toNanos); // waits for the step after the span, as the CPU figure does
        synchronized (this) {
            return stepJitMillis[stepAtOrAfter(toNanos)] - stepJitMillis[stepAtOrBefore(fromNanos)];
        }
    }

    private int stepAtOrBefore(long nanos) {
        int index = Arrays.binarySearch(stepNanos, 0, steps, nanos);
        return index >= 0 ? index : Math.max(0, -index - 2);
    }

    private int stepAtOrAfter(long nanos) {
        int index = Arrays.binarySearch(stepNanos, 0, steps, nanos);
        return index >= 0 ? index : Math.min(steps - 1, -index - 1);
    }

    /** Stops sampling; what was sampled can still be read. */
    @Override
    public void close() {
        closed = true;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sampleUntilClosed() {
        while (!closed && sleep()) {
            sample();
        }
    }

    private synchronized long lastStepNanos() {
        return stepNanos[steps - 1];
    }

    private synchronized void sample() {
        long now = System.nanoTime();
        long cpu = bean.getProcessCpuTime();
        if (steps > 0 && cpu == stepCpuNanos[steps - 1]) {
            return;
        }
        if (steps == stepNanos.length) {
            stepNanos = Arrays.copyOf(stepNanos, steps * 2);
            stepCpuNanos = Arrays.copyOf(stepCpuNanos, steps * 2);
            stepJitMillis = Arrays.copyOf(stepJitMillis, steps * 2);
        }
        stepNanos[steps] = now;
        stepCpuNanos[steps] = cpu;
        stepJitMillis[steps] = compilation == null ? 0 : compilation.getTotalCompilationTime();
        steps++;
    }

    /** The CPU time at {@code nanos}: between the steps around it, or the last one's after it. */
    private double cpuAt(long nanos) {
        int index = Arrays.binarySearch(stepNanos, 0, steps, nanos);
        if (index >= 0) {
            return stepCpuNanos[index];
        }
        int after = -index - 1;
        if (after == steps) {
            return stepCpuNanos[steps - 1];
        }
        int before = after - 1;
        double share = (double) (nanos - stepNanos[before]) / (stepNanos[after] - stepNanos[before]);
        return stepCpuNanos[before] + share * (stepCpuNanos[after] - stepCpuNanos[before]);
    }

    /** Sleeps one interval; false if interrupted (closing). */
    private static boolean sleep() {
        try {
            Thread.sleep(INTERVAL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
