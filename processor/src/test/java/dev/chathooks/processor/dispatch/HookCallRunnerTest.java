package dev.chathooks.processor.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.PermanentHookFailureException;
import dev.chathooks.api.User;
import dev.chathooks.processor.plugins.LoadedHook;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, timeouts and permanent failures of one hook's calls. */
class HookCallRunnerTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static DispatchSettings settings(int attempts, Duration timeout) {
        return new DispatchSettings(16, timeout, attempts, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ZERO);
    }

    private static HookArguments arguments() {
        EventInfo event = new EventInfo(
                "e-1", HookKind.AFTER_MESSAGE_SENT, "chat.message.sent", "c-1", "u-1", Instant.EPOCH, Map.of());
        return new HookArguments(
                null,
                event,
                Conversation.of(Map.of("id", "c-1")),
                List.of(),
                Message.of(Map.of("id", "m-1")),
                List.of(),
                List.of());
    }

    private CallOutcome call(Object hook, DispatchSettings settings) throws Exception {
        LoadedHook loaded = LoadedHook.of((dev.chathooks.api.Hook) hook);
        return new HookCallRunner(loaded, settings, executor)
                .call(arguments())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** Fails its first {@code failures} calls. */
    static final class FlakyHook implements ChatHook {
        final AtomicInteger calls = new AtomicInteger();
        final int failures;

        FlakyHook(int failures) {
            this.failures = failures;
        }

        @Override
        public void afterMessageSent(
                Message message, Conversation conversation, List<User> participants, EventInfo event) {
            if (calls.incrementAndGet() <= failures) {
                throw new IllegalStateException("flaky " + calls.get());
            }
        }
    }

    @Test
    void aFailingCallIsRetriedUntilItSucceeds() throws Exception {
        FlakyHook hook = new FlakyHook(3);

        CallOutcome outcome = call(hook, settings(5, Duration.ofSeconds(5)));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(hook.calls).hasValue(4);
    }

    @Test
    void afterTheLastAttemptTheOutcomeCarriesTheLastError() throws Exception {
        FlakyHook hook = new FlakyHook(100);

        CallOutcome outcome = call(hook, settings(3, Duration.ofSeconds(5)));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.lastError()).hasMessage("flaky 3");
        assertThat(outcome.deadLetterReason("flaky"))
                .isEqualTo("hook-failed: flaky after 3 attempts: java.lang.IllegalStateException: flaky 3");
    }

    @Test
    void aPermanentFailureIsNotRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ChatHook hook = new ChatHook() {
            @Override
            public void afterMessageSent(
                    Message message, Conversation conversation, List<User> participants, EventInfo event) {
                calls.incrementAndGet();
                throw new PermanentHookFailureException("recipient does not exist");
            }
        };

        CallOutcome outcome = call(hook, settings(5, Duration.ofSeconds(5)));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(calls).hasValue(1);
        assertThat(outcome.lastError()).isInstanceOf(PermanentHookFailureException.class);
    }

    @Test
    void aHangingBlockingHookIsInterruptedAtTheTimeoutAndItsThreadFreed() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(2);
        ChatHook hook = new ChatHook() {
            @Override
            public void afterMessageSent(
                    Message message, Conversation conversation, List<User> participants, EventInfo event) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
            }
        };

        CallOutcome outcome = call(hook, settings(2, Duration.ofMillis(100)));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.lastError()).isInstanceOf(TimeoutException.class);
        assertThat(interrupted.await(5, TimeUnit.SECONDS))
                .as("both attempts' threads were interrupted")
                .isTrue();
    }

    @Test
    void anAsyncHookWhoseStageNeverCompletesTimesOutAndIsCancelled() throws Exception {
        CompletableFuture<Void> never = new CompletableFuture<>();
        AsyncChatHook hook = new AsyncChatHook() {
            @Override
            public CompletionStage<Void> afterMessageSent(
                    Message message, Conversation conversation, List<User> participants, EventInfo event) {
                return never;
            }
        };

        CallOutcome outcome = call(hook, settings(1, Duration.ofMillis(100)));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.lastError()).isInstanceOf(TimeoutException.class);
    }

    @Test
    void anAsyncHookThatThrowsInsteadOfReturningAFailedStageCountsAsFailed() throws Exception {
        AsyncChatHook hook = new AsyncChatHook() {
            @Override
            public CompletionStage<Void> afterMessageSent(
                    Message message, Conversation conversation, List<User> participants, EventInfo event) {
                throw new IllegalArgumentException("bad input");
            }
        };

        CallOutcome outcome = call(hook, settings(2, Duration.ofSeconds(1)));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.lastError()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAsyncHookIsCalledOnTheCallingThreadAndABlockingOneOnAHookThread() throws Exception {
        List<Thread> asyncThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        AsyncChatHook async = new AsyncChatHook() {
            @Override
            public CompletionStage<Void> afterMessageSent(
                    Message message, Conversation conversation, List<User> participants, EventInfo event) {
                asyncThreads.add(Thread.currentThread());
                return CompletableFuture.completedFuture(null);
            }
        };
        List<Thread> blockingThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        ChatHook blocking = new ChatHook() {
            @Override
            public void afterMessageSent(
                    Message message, Conversation conversation, List<User> participants, EventInfo event) {
                blockingThreads.add(Thread.currentThread());
            }
        };

        assertThat(call(async, settings(1, Duration.ofSeconds(1))).succeeded()).isTrue();
        assertThat(call(blocking, settings(1, Duration.ofSeconds(1))).succeeded())
                .isTrue();

        assertThat(asyncThreads).containsExactly(Thread.currentThread());
        assertThat(blockingThreads).hasSize(1).doesNotContain(Thread.currentThread());
    }

    @Test
    void anAsyncHookIsNotCalledOnceItsThreadsAreStopped() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AsyncChatHook hook = new AsyncChatHook() {
            @Override
            public CompletionStage<Void> afterMessageSent(
                    Message message, Conversation conversation, List<User> participants, EventInfo event) {
                calls.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }
        };
        executor.shutdown();

        CallOutcome outcome = call(hook, settings(1, Duration.ofSeconds(1)));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.lastError()).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        assertThat(calls).hasValue(0);
    }
}
