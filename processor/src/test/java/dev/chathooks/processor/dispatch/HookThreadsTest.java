package dev.chathooks.processor.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HookThreadsTest {
    private HookThreads pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void blockedCallsGetAThreadEachUpToTheBoundAndTheRestWaitInLine() throws Exception {
        pool = HookThreads.forHook("slow", 3);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Future<?>[] calls = new Future<?>[5];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = pool.submit(() -> {
                threads.add(Thread.currentThread().getName());
                started.countDown();
                release.await();
                return null;
            });
        }

        assertThat(started.await(10, TimeUnit.SECONDS))
                .as("three calls running")
                .isTrue();
        assertThat(pool.waiting()).isEqualTo(2);
        assertThat(pool.threads()).isEqualTo(3);
        release.countDown();
        for (Future<?> call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }
        assertThat(threads).containsExactlyInAnyOrder("hook-slow-1", "hook-slow-2", "hook-slow-3");
    }

    @Test
    void quickAttemptsFromTwoCallersAllRunOnceAndNeverMoreAtATimeThanTheBound() throws Exception {
        pool = HookThreads.forHook("quick", 4);
        int perCaller = 50_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(2 * perCaller);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(2 * perCaller);
        Thread[] callers = new Thread[2];
        for (int c = 0; c < callers.length; c++) {
            int first = c * perCaller;
            callers[c] = new Thread(() -> {
                for (int i = first; i < first + perCaller; i++) {
                    int index = i;
                    pool.execute(() -> {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        runs.incrementAndGet(index);
                        running.decrementAndGet();
                        done.countDown();
                    });
                    if (i % 997 == 0) {
                        LockSupport.parkNanos(200_000); // lets the line run dry, so that threads park and are woken
                    }
                }
            });
            callers[c].start();
        }
        for (Thread caller : callers) {
            caller.join();
        }

        assertThat(done.await(30, TimeUnit.SECONDS)).as("every attempt ran").isTrue();
        for (int i = 0; i < runs.length(); i++) {
            assertThat(runs.get(i)).as("runs of attempt " + i).isEqualTo(1);
        }
        assertThat(mostAtOnce.get()).isBetween(1, 4);
        assertThat(pool.threads()).isBetween(1, 4);
    }

    @Test
    void attemptsGivenWhileWakesAreHeldAllRunWithOrWithoutTheRelease() throws Exception {
        pool = HookThreads.forHook("held", 8);
        for (boolean released : new boolean[] {true, false}) {
            CountDownLatch done = new CountDownLatch(500);
            pool.holdWakes();
            for (int i = 0; i < 500; i++) {
                pool.execute(done::countDown);
                if (i % 50 == 0) {
                    Thread.sleep(2); // the awake thread runs dry and parks: the attempts after wait for a wake
                }
            }
            if (released) {
                pool.releaseWakes();
            }

            assertThat(done.await(30, TimeUnit.SECONDS))
                    .as("every attempt ran, " + (released ? "released" : "woken by the check for waiting attempts"))
                    .isTrue();
        }
    }

    @Test
    void whileWakesAreHeldABlockedCallStillGetsAnotherThreadForTheAttemptsBehindIt() throws Exception {
        pool = HookThreads.forHook("held-blocked", 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        pool.holdWakes();
        pool.execute(() -> awaitQuietly(release));
        pool.execute(second::countDown);

        assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        pool.releaseWakes();
    }

    @Test
    void anAttemptAfterAnIdleSpellIsRunAndIdleThreadsEnd() throws Exception {
        pool = HookThreads.forHook("idle", 2, Duration.ofMillis(50));
        pool.submit(() -> null).get(10, TimeUnit.SECONDS);
        awaitThreads(0);

        assertThat(pool.submit(() -> "again").get(10, TimeUnit.SECONDS)).isEqualTo("again");
    }

    @Test
    void stoppingRunsTheAttemptsInLineThenTheThreadsEnd() throws Exception {
        pool = HookThreads.forHook("stopping", 1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        pool.execute(() -> {
            awaitQuietly(release);
            ran.incrementAndGet();
        });
        pool.execute(ran::incrementAndGet);
        pool.shutdown();
        release.countDown();

        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).hasValue(2);
        assertThat(pool.threads()).isZero();
    }

    @Test
    void stoppingNowInterruptsTheRunningAttemptAndHandsBackThoseInLine() throws Exception {
        pool = HookThreads.forHook("stopping-now", 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        Runnable waiting = () -> {};
        pool.execute(waiting);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(pool.shutdownNow()).containsExactly(waiting);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private void awaitThreads(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.threads() != count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pool.threads()).as("threads").isEqualTo(count);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aStoppedPoolRefusesAttempts() {
        pool = HookThreads.forHook("stopped", 2);
        pool.shutdown();

        assertThatThrownBy(() -> pool.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aHookNeedsAThread() {
        assertThatThrownBy(() -> HookThreads.forHook("none", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one thread");
    }
}
