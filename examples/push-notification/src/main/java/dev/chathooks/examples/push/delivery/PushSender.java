package dev.chathooks.examples.push.delivery;

import dev.chathooks.examples.push.notification.Notification;
import java.util.concurrent.CompletionStage;

/**
 * Sends notifications to a push service, one attempt each. Implementations are thread-safe and do not block in
 * {@link #send}: they start the work and return.
 *
 * <p>The returned stage has three distinct outcomes, as Pushy's futures do:
 * <ul>
 *   <li>completed with {@link Delivery#ACCEPTED}: the service took the notification;</li>
 *   <li>completed with a {@link Delivery#tokenRejected(String) rejected token}: the service says the token will
 *       never work again (APNs Unregistered, BadDeviceToken, DeviceTokenNotForTopic; FCM UNREGISTERED,
 *       SENDER_ID_MISMATCH); do not retry, do not use the token again;</li>
 *   <li>completed exceptionally with a {@link TransientPushException} (may succeed later: retry) or a
 *       {@link PermanentPushException} (will not succeed: do not retry).</li>
 * </ul>
 */
public interface PushSender extends AutoCloseable {
    /** Starts sending {@code notification}; see the class documentation for the outcomes. */
    CompletionStage<Delivery> send(Notification notification);

    /** Closes connections and stops threads; waits a little for notifications in flight. */
    @Override
    void close();
}
