package dev.chathooks.examples.push.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.examples.push.config.RetrySettings;
import dev.chathooks.examples.push.devices.Platform;
import dev.chathooks.examples.push.notification.Notification;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RetryingSenderTest {
    private static final Notification NOTIFICATION = new Notification(
            "e-1", "m-1", "c-1", "u-1", "d-1", Platform.FCM, "token", null, false, "T", "b", "c-1", "m-1");
    private static final RetrySettings FAST = new RetrySettings(4, Duration.ofMillis(1), Duration.ofMillis(8));

    /** A sender that plays a script of outcomes, one per attempt. */
    private static final class ScriptedSender implements PushSender {
        final Deque<Supplier<CompletionStage<Delivery>>> script = new ArrayDeque<>();
        int attempts;

        @Override
        public CompletionStage<Delivery> send(Notification notification) {
            attempts++;
            return script.isEmpty()
                    ? CompletableFuture.completedFuture(Delivery.ACCEPTED)
                    : script.poll().get();
        }

        @Override
        public void close() {}

        ScriptedSender then(RuntimeException failure) {
            script.add(() -> CompletableFuture.failedFuture(failure));
            return this;
        }
    }

    private static TransientPushException throttled(Duration retryAfter) {
        return new TransientPushException("fcm 429 QUOTA_EXCEEDED", retryAfter, null);
    }

    @Test
    void transientFailuresAreRetriedUntilAccepted() throws Exception {
        ScriptedSender delegate = new ScriptedSender().then(throttled(null)).then(throttled(null));
        try (RetryingSender sender = new RetryingSender(delegate, FAST)) {
            assertThat(sender.send(NOTIFICATION).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo(Delivery.ACCEPTED);
        }
        assertThat(delegate.attempts).isEqualTo(3);
    }

    @Test
    void theLastFailureIsReportedAfterTheLastAttempt() {
        ScriptedSender delegate = new ScriptedSender();
        for (int i = 0; i < 5; i++) {
            delegate.then(throttled(null));
        }
        try (RetryingSender sender = new RetryingSender(delegate, FAST)) {
            assertThatThrownBy(() ->
                            sender.send(NOTIFICATION).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TransientPushException.class);
        }
        assertThat(delegate.attempts).isEqualTo(4);
    }

    @Test
    void permanentFailuresAndRejectedTokensAreNotRetried() throws Exception {
        ScriptedSender permanent = new ScriptedSender().then(new PermanentPushException("apns 400 BadTopic", null));
        ScriptedSender rejected = new ScriptedSender();
        rejected.script.add(() -> CompletableFuture.completedFuture(Delivery.tokenRejected("Unregistered")));
        try (RetryingSender first = new RetryingSender(permanent, FAST);
                RetryingSender second = new RetryingSender(rejected, FAST)) {
            assertThatThrownBy(
                            () -> first.send(NOTIFICATION).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(PermanentPushException.class);
            assertThat(second.send(NOTIFICATION)
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS)
                            .rejectionReason())
                    .isEqualTo("Unregistered");
        }
        assertThat(permanent.attempts).isEqualTo(1);
        assertThat(rejected.attempts).isEqualTo(1);
    }

    @Test
    void aRetryAfterIsHonouredEvenWhenLongerThanTheBackoff() throws Exception {
        ScriptedSender delegate = new ScriptedSender().then(throttled(Duration.ofMillis(300)));
        List<Duration> delays = new ArrayList<>();
        try (RetryingSender sender = new RetryingSender(delegate, FAST, delays::add)) {
            sender.send(NOTIFICATION).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        assertThat(delays).containsExactly(Duration.ofMillis(300));
    }

    @Test
    void theBackoffDoublesUpToTheMaximumWithJitter() {
        RetrySettings settings = new RetrySettings(10, Duration.ofMillis(100), Duration.ofMillis(400));
        try (RetryingSender sender = new RetryingSender(new ScriptedSender(), settings)) {
            TransientPushException failure = throttled(null);
            assertThat(sender.delayBeforeRetry(1, failure, 0.5)).isEqualTo(Duration.ofMillis(100));
            assertThat(sender.delayBeforeRetry(2, failure, 0.5)).isEqualTo(Duration.ofMillis(200));
            assertThat(sender.delayBeforeRetry(5, failure, 0.5)).isEqualTo(Duration.ofMillis(400));
            assertThat(sender.delayBeforeRetry(1, failure, 0.0)).isEqualTo(Duration.ofMillis(75));
            assertThat(sender.delayBeforeRetry(1, failure, 0.999))
                    .isBetween(Duration.ofMillis(124), Duration.ofMillis(125));
            assertThat(sender.delayBeforeRetry(1, throttled(Duration.ofMillis(90)), 0.0))
                    .isEqualTo(Duration.ofMillis(90));
        }
    }
}
