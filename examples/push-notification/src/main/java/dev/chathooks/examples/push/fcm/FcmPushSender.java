package dev.chathooks.examples.push.fcm;

import com.google.api.core.ApiFuture;
import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.Message;
import dev.chathooks.examples.push.config.FcmSettings;
import dev.chathooks.examples.push.delivery.Delivery;
import dev.chathooks.examples.push.delivery.PushSender;
import dev.chathooks.examples.push.notification.FcmPayload;
import dev.chathooks.examples.push.notification.Notification;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Sends notifications to FCM with the Firebase Admin SDK, one {@code sendAsync} per notification (the message as
 * {@link FcmPayload} describes it). Each runs on a pool of {@code threads} threads (the SDK's HTTP calls block);
 * the caller bounds how many are started at once.
 *
 * <p>Note: the SDK itself retries a 503 up to four times, honouring Retry-After, before reporting it; what it then
 * reports is retried by the hook's own policy like any transient failure.
 */
public final class FcmPushSender implements PushSender {
    private final FirebaseApp app;
    private final FirebaseMessaging messaging;

    /**
     * @param settings the credentials, project and endpoint
     * @param threads the size of the SDK's thread pool: the most sends that make progress at once
     */
    public FcmPushSender(FcmSettings settings, int threads) {
        this.app = FirebaseApps.initialize(Objects.requireNonNull(settings, "settings is null"), threads);
        this.messaging = FirebaseMessaging.getInstance(app);
    }

    /** The SDK message for {@code notification}. */
    public static Message message(Notification notification) {
        com.google.firebase.messaging.Notification.Builder shown =
                com.google.firebase.messaging.Notification.builder().setBody(notification.body());
        if (notification.title() != null) {
            shown.setTitle(notification.title());
        }
        return Message.builder()
                .setToken(notification.token())
                .setNotification(shown.build())
                .setAndroidConfig(AndroidConfig.builder()
                        .setPriority(AndroidConfig.Priority.HIGH)
                        .setNotification(AndroidNotification.builder()
                                .setTag(notification.collapseId())
                                .build())
                        .build())
                .putAllData(FcmPayload.data(notification))
                .build();
    }

    @Override
    public CompletionStage<Delivery> send(Notification notification) {
        ApiFuture<String> sent = messaging.sendAsync(message(notification));
        CompletableFuture<Delivery> outcome = new CompletableFuture<>();
        sent.addListener(
                () -> {
                    try {
                        sent.get();
                        outcome.complete(Delivery.ACCEPTED);
                    } catch (ExecutionException e) {
                        try {
                            outcome.complete(FcmOutcomes.ofFailure(e.getCause()));
                        } catch (RuntimeException failure) {
                            outcome.completeExceptionally(failure);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        outcome.completeExceptionally(e);
                    } catch (RuntimeException e) {
                        outcome.completeExceptionally(e);
                    }
                },
                Runnable::run);
        return outcome;
    }

    @Override
    public void close() {
        app.delete();
    }
}
