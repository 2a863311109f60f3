package dev.chathooks.examples.push.fcm;

import com.google.firebase.ErrorCode;
import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.MessagingErrorCode;
import dev.chathooks.examples.push.delivery.Delivery;
import dev.chathooks.examples.push.delivery.PermanentPushException;
import dev.chathooks.examples.push.delivery.TransientPushException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sorts the Firebase SDK's failures into the outcomes of {@link dev.chathooks.examples.push.delivery.PushSender}. */
final class FcmOutcomes {
    private static final Set<ErrorCode> TRANSIENT_CODES = Set.of(
            ErrorCode.UNAVAILABLE,
            ErrorCode.INTERNAL,
            ErrorCode.RESOURCE_EXHAUSTED,
            ErrorCode.DEADLINE_EXCEEDED,
            ErrorCode.ABORTED);

    private FcmOutcomes() {}

    /** The outcome a failed send stands for: a rejected token, or a transient or permanent failure to throw. */
    static Delivery ofFailure(Throwable failure) {
        if (!(failure instanceof FirebaseMessagingException)) {
            throw new TransientPushException("fcm: " + failure.getClass().getSimpleName(), null, failure);
        }
        FirebaseMessagingException error = (FirebaseMessagingException) failure;
        MessagingErrorCode code = error.getMessagingErrorCode();
        if (code == MessagingErrorCode.UNREGISTERED || code == MessagingErrorCode.SENDER_ID_MISMATCH) {
            return Delivery.tokenRejected(code.name());
        }
        IncomingHttpResponse response = error.getHttpResponse();
        String description = "fcm " + (response == null ? "" : response.getStatusCode() + " ")
                + (code != null ? code.name() : error.getErrorCode().name());
        boolean transientFailure = code == MessagingErrorCode.QUOTA_EXCEEDED
                || code == MessagingErrorCode.UNAVAILABLE
                || code == MessagingErrorCode.INTERNAL
                || (code == null && TRANSIENT_CODES.contains(error.getErrorCode()))
                || (response == null && error.getCause() instanceof IOException);
        if (transientFailure) {
            throw new TransientPushException(
                    description, response == null ? null : retryAfter(response.getHeaders()), error);
        }
        throw new PermanentPushException(description, error);
    }

    /** The Retry-After header, in seconds or as an HTTP date; null if absent or unreadable. */
    static Duration retryAfter(Map<String, Object> headers) {
        Object value = headers == null ? null : headers.get("retry-after");
        if (value instanceof List && !((List<?>) value).isEmpty()) {
            value = ((List<?>) value).get(0);
        }
        if (!(value instanceof String)) {
            return null;
        }
        String text = ((String) value).trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(
                        Instant.now(),
                        ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
