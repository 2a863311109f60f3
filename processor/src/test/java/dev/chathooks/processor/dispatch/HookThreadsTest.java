package dev.chathooks.processor.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HookThreadsTest {
    private ExecutorService pool;

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
        assertThat(((ThreadPoolExecutor) pool).getQueue()).hasSize(2);
        assertThat(((ThreadPoolExecutor) pool).getPoolSize()).isEqualTo(3);
        release.countDown();
        for (Future<?> call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }
        assertThat(threads).containsExactlyInAnyOrder("hook-slow-1", "hook-slow-2", "hook-slow-3");
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
