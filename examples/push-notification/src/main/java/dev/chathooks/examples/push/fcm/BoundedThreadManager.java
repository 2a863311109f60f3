package dev.chathooks.examples.push.fcm;

import com.google.firebase.FirebaseApp;
import com.google.firebase.ThreadManager;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives the Firebase app a fixed pool of threads. The SDK's {@code sendAsync} runs each HTTP call, which blocks, on
 * the app's executor; the default one grows without bound. The hook never has more than its in-flight bound of
 * notifications started, so a pool of that size never makes one wait, and idle threads end after a minute.
 */
final class BoundedThreadManager extends ThreadManager {
    private final int threads;
    private final AtomicInteger created = new AtomicInteger();

    BoundedThreadManager(int threads) {
        this.threads = threads;
    }

    @Override
    protected ExecutorService getExecutor(FirebaseApp app) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), getThreadFactory());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @Override
    protected void releaseExecutor(FirebaseApp app, ExecutorService executor) {
        executor.shutdownNow();
    }

    @Override
    protected ThreadFactory getThreadFactory() {
        return runnable -> {
            Thread thread = new Thread(runnable, "push-fcm-" + created.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
