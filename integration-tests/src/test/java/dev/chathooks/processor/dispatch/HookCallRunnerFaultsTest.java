package dev.chathooks.processor.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.testsupport.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How one hook's calls behave when the hook misbehaves: a hung call is timed out even when the hook ignores the
 * interrupt, the threads such a hook can hold are bounded, and waiting to retry holds no thread.
 */
class HookCallRunnerFaultsTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private HookThreads threads;

    @AfterEach
    void stop() {
        release.countDown();
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    private static HookArguments arguments(String eventId) {
        EventInfo event = new EventInfo(
                eventId, HookKind.AFTER_MESSAGE_SENT, "chat.message.sent", "c-1", "u-1", Instant.EPOCH, Map.of());
        return new HookArguments(
                null,
                event,
                Conversation.of(Map.of("id", "c-1")),
                List.of(),
                Message.of(Map.of("id", "m-1")),
                List.of(),
                List.of());
    }

    /** Blocks every call until the test ends, swallowing interrupts as a badly written hook does. */
    private final class DeafHook implements ChatHook {
        final AtomicInteger entered = new AtomicInteger();

        @Override
        public void afterMessageSent(
                Message message, Conversation conversation, List<User> participants, EventInfo event) {
            entered.incrementAndGet();
            while (true) {
                try {
                    if (release.await(1, TimeUnit.MINUTES)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    // ignored, on purpose
                }
            }
        }
    }

    @Test
    void aHookThatIgnoresInterruptsHoldsAtMostItsOwnThreadsAndItsOtherCallsStillTimeOut() throws Exception {
        DeafHook hook = new DeafHook();
        threads = HookThreads.forHook("deaf", 2);
        DispatchSettings settings = new DispatchSettings(
                2, Duration.ofMillis(200), 1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO);
        HookCallRunner runner = new HookCallRunner(LoadedHook.of(hook), settings, threads);

        List<CompletableFuture<CallOutcome>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(runner.call(arguments("e-" + i)).toCompletableFuture());
        }

        for (CompletableFuture<CallOutcome> call : calls) {
            CallOutcome outcome = call.get(30, TimeUnit.SECONDS);
            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.lastError()).isInstanceOf(TimeoutException.class);
        }
        assertThat(hook.entered).as("calls that got a thread").hasValue(2);
        assertThat(threads.threads()).as("threads made").isEqualTo(2);
        Await.until("both held threads count as overdue", () -> runner.overdueAttempts() == 2);
    }

    @Test
    void aCallWaitingToRetryHoldsNoThreadSoAnotherCallRunsMeanwhile() throws Exception {
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger attemptsOfA = new AtomicInteger();
        ChatHook hook = new ChatHook() {
            @Override
            public void afterMessageSent(
                    Message message, Conversation conversation, List<User> participants, EventInfo event) {
                if (event.id().equals("e-a") && attemptsOfA.incrementAndGet() == 1) {
                    order.add("a failed");
                    throw new IllegalStateException("first attempt of a fails");
                }
                order.add(event.id() + " done");
            }
        };
        threads = HookThreads.forHook("one-thread", 1);
        DispatchSettings settings = new DispatchSettings(
                1, Duration.ofSeconds(30), 2, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ZERO);
        HookCallRunner runner = new HookCallRunner(LoadedHook.of(hook), settings, threads);

        CompletableFuture<CallOutcome> a = runner.call(arguments("e-a")).toCompletableFuture();
        Await.until("a's first attempt failed", () -> order.contains("a failed"));
        CallOutcome b = runner.call(arguments("e-b")).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(b.succeeded()).isTrue();
        assertThat(a.get(30, TimeUnit.SECONDS).attempts()).isEqualTo(2);
        assertThat(order)
                .as("b ran on the one thread while a waited to retry")
                .containsExactly("a failed", "e-b done", "e-a done");
    }

    @Test
    void equalInitialAndMaximumBackoffsMeanAFixedDelay() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ChatHook hook = new ChatHook() {
            @Override
            public void afterMessageSent(
                    Message message, Conversation conversation, List<User> participants, EventInfo event) {
                if (calls.incrementAndGet() < 3) {
                    throw new IllegalStateException("not yet");
                }
            }
        };
        threads = HookThreads.forHook("fixed", 1);
        DispatchSettings settings = new DispatchSettings(
                1, Duration.ofSeconds(5), 3, Duration.ofMillis(20), Duration.ofMillis(20), Duration.ZERO);

        CallOutcome outcome = new HookCallRunner(LoadedHook.of(hook), settings, threads)
                .call(arguments("e-1"))
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
    }
}
