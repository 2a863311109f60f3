package dev.chathooks.examples.push.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.chathooks.examples.push.config.ApnsSettings;
import dev.chathooks.examples.push.delivery.Delivery;
import dev.chathooks.examples.push.delivery.PushSender;
import dev.chathooks.examples.push.notification.ApnsPayload;
import dev.chathooks.examples.push.notification.Notification;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends notifications to APNs with Pushy, token (.p8) authentication, over HTTP/2: alert push type, priority 10,
 * {@code thread-id} = the conversation, {@code apns-collapse-id} = the message, the device's topic or the
 * configured one, an expiry of one day. Devices with the {@code sandbox} flag (or every device, with
 * {@code apns.environment} sandbox) go to the development server. Pushy's futures complete on its event loop; no
 * thread waits per notification.
 */
public final class ApnsPushSender implements PushSender {
    /** How long APNs keeps trying to deliver to an offline device: a chat notification a day old is stale. */
    static final Duration EXPIRY = Duration.ofDays(1);

    private final ApnsSettings settings;
    private final ApnsClients.Owned production;
    private final ApnsClients.Owned development;

    /**
     * Builds the clients; they connect on first use.
     *
     * @throws UncheckedIOException if the TLS setup fails (such as an unreadable trusted certificate)
     */
    public ApnsPushSender(ApnsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.production = settings.sandboxByDefault()
                ? null
                : ApnsClients.build(settings, ApnsClientBuilder.PRODUCTION_APNS_HOST);
        this.development = ApnsClients.build(settings, ApnsClientBuilder.DEVELOPMENT_APNS_HOST);
    }

    /**
     * The notification's payload. The notifications of one message share their texts, so the last payload made is
     * kept and reused when the texts are the same objects: a 10,000-member fan-out serializes its payload once, not
     * on Pushy's event loop for every device.
     */
    private String payload(Notification notification) {
        LastPayload last = lastPayload;
        if (last != null && last.matches(notification)) {
            return last.json;
        }
        String json = ApnsPayload.json(notification);
        lastPayload = new LastPayload(notification, json);
        return json;
    }

    private volatile LastPayload lastPayload;

    private static final class LastPayload {
        private final Notification source;
        private final String json;

        LastPayload(Notification source, String json) {
            this.source = source;
            this.json = json;
        }

        /** Same texts and ids, compared by identity: cheap, and never wrong (equal objects are equal texts). */
        boolean matches(Notification other) {
            return source.title() == other.title()
                    && source.body() == other.body()
                    && source.threadId() == other.threadId()
                    && source.conversationId() == other.conversationId()
                    && source.messageId() == other.messageId();
        }
    }

    @Override
    public CompletionStage<Delivery> send(Notification notification) {
        String topic = notification.apnsTopic() != null ? notification.apnsTopic() : settings.defaultTopic();
        SimpleApnsPushNotification push = new SimpleApnsPushNotification(
                notification.token(),
                topic,
                payload(notification),
                Instant.now().plus(EXPIRY),
                DeliveryPriority.IMMEDIATE,
                PushType.ALERT,
                notification.collapseId());
        ApnsClient client = (notification.sandbox() || production == null ? development : production).client();
        CompletableFuture<Delivery> outcome = new CompletableFuture<>();
        client.sendNotification(push).whenComplete((response, failure) -> {
            try {
                if (failure != null) {
                    outcome.completeExceptionally(ApnsOutcomes.ofFailure(failure));
                } else {
                    outcome.complete(ApnsOutcomes.of(response));
                }
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        });
        return outcome;
    }

    @Override
    public void close() {
        CompletableFuture<Void> closing = CompletableFuture.allOf(
                production == null ? CompletableFuture.completedFuture(null) : production.close(), development.close());
        try {
            closing.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the APNs clients did not close cleanly", e);
        }
    }
}
