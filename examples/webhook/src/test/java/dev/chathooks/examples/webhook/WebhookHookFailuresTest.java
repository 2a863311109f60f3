package dev.chathooks.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.api.PermanentHookFailureException;
import dev.chathooks.examples.webhook.delivery.WebhookDeliveryException;
import dev.chathooks.examples.webhook.testing.Calls;
import dev.chathooks.examples.webhook.testing.DispatcherLike;
import dev.chathooks.examples.webhook.testing.DispatcherLike.Outcome;
import dev.chathooks.examples.webhook.testing.Signatures;
import dev.chathooks.examples.webhook.testing.WebhookFixture;
import dev.chathooks.mockservers.LocalEndpoint;
import dev.chathooks.mockservers.LocalEndpoint.Received;
import dev.chathooks.mockservers.LocalEndpoint.Reply;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook hook against a real local HTTP endpoint that fails: which failures are retried (under the same
 * webhook id, freshly signed) and which dead-letter the call at once, and what the failure says.
 */
class WebhookHookFailuresTest {
    private static final String SECRET = WebhookFixture.SECRET;

    private final WebhookFixture fixture = new WebhookFixture();

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    /** One message sent, called as the dispatcher calls a hook, with at most {@code attempts} attempts. */
    private static Outcome sendOneMessage(WebhookHook hook, int attempts) throws Exception {
        return new DispatcherLike(attempts)
                .submit("c-1", () -> Calls.messageSent(hook, "e-1", "c-1", "hi"))
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void serverErrorsAreRetriedUnderTheSameWebhookIdWithAFreshValidSignature() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        LocalEndpoint endpoint = fixture.endpoint(request -> calls.incrementAndGet() <= 2
                ? new Reply(calls.get() == 1 ? 500 : 503, Map.of(), "database is down")
                : Reply.status(200));
        WebhookHook hook = fixture.hook(endpoint);

        Outcome outcome = sendOneMessage(hook, 5);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
        List<Received> received = endpoint.received();
        assertThat(received).hasSize(3);
        assertThat(received)
                .extracting(r -> r.header("webhook-id"))
                .containsOnly(received.get(0).header("webhook-id"));
        assertThat(received).allMatch(r -> Signatures.verifies(r, SECRET));
    }

    @Test
    void aServerErrorFailsTheCallAsRetryableWithTheStatus() throws Exception {
        LocalEndpoint endpoint = fixture.endpoint(request -> new Reply(502, Map.of(), "bad gateway"));
        WebhookHook hook = fixture.hook(endpoint);

        Outcome outcome = sendOneMessage(hook, 2);

        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.failure())
                .isInstanceOf(WebhookDeliveryException.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("bad gateway")
                .hasMessageContaining("event e-1");
    }

    @Test
    void tooManyRequestsIsRetriedNoSoonerThanRetryAfterSays() throws Exception {
        List<Long> arrivals = new ArrayList<>();
        LocalEndpoint endpoint = fixture.endpoint(request -> {
            synchronized (arrivals) {
                arrivals.add(System.nanoTime());
                return arrivals.size() == 1 ? new Reply(429, Map.of("Retry-After", "1"), "") : Reply.status(200);
            }
        });
        WebhookHook hook = fixture.hook(endpoint);

        Outcome outcome = sendOneMessage(hook, 3);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        List<Received> received = endpoint.received();
        assertThat(received.get(1).header("webhook-id"))
                .isEqualTo(received.get(0).header("webhook-id"));
        // The endpoint asked for a second's pause: the retry came after it (a lower bound, which load cannot break).
        assertThat(arrivals.get(1) - arrivals.get(0)).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aRequestThatTimesOutIsRetriedUnderTheSameWebhookId() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        LocalEndpoint endpoint = fixture.endpoint(request -> {
            if (calls.incrementAndGet() == 1) {
                release.await(); // longer than the hook's timeout
            }
            return Reply.status(200);
        });
        fixture.closeFirst(release::countDown);
        WebhookHook hook = fixture.hook(endpoint, "timeout", "300ms");
        List<Throwable> failures = new ArrayList<>();

        Outcome outcome = new DispatcherLike(3)
                .submit(
                        "c-1",
                        () -> Calls.messageSent(hook, "e-1", "c-1", "hi").whenComplete((ignored, error) -> {
                            if (error != null) {
                                failures.add(error.getCause() == null ? error : error.getCause());
                            }
                        }))
                .get(30, TimeUnit.SECONDS);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(failures)
                .singleElement()
                .isInstanceOf(WebhookDeliveryException.class)
                .extracting(Throwable::getMessage)
                .asString()
                .contains("did not answer within 300 ms");
        List<Received> received = endpoint.received();
        assertThat(received.get(1).header("webhook-id"))
                .isEqualTo(received.get(0).header("webhook-id"));
    }

    @Test
    void anEndpointThatCannotBeReachedFailsTheCallAsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WebhookHook hook =
                fixture.hook("webhook", Map.of("url", "http://127.0.0.1:" + closedPort + "/hooks", "secret", SECRET));

        Outcome outcome = sendOneMessage(hook, 2);

        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.failure())
                .isInstanceOf(WebhookDeliveryException.class)
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void aClientErrorDeadLettersTheCallAtOnceWithTheStatusAndTheStartOfTheBody() throws Exception {
        String longBody = "{\"error\": \"unknown conversation\", \"detail\": \"" + "x".repeat(1000) + "\"}";
        LocalEndpoint endpoint = fixture.endpoint(request -> new Reply(422, Map.of(), longBody));
        WebhookHook hook = fixture.hook(endpoint);

        Outcome outcome = sendOneMessage(hook, 5);

        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(endpoint.received()).hasSize(1);
        assertThat(outcome.failure())
                .isInstanceOf(PermanentHookFailureException.class)
                .hasMessageContaining("HTTP 422")
                .hasMessageContaining("unknown conversation")
                .hasMessageContaining("...");
        assertThat(outcome.failure().getMessage()).hasSizeLessThan(400);
    }

    @Test
    void requestTimeoutAndTooManyRequestsAreRetriedUnlikeOtherClientErrors() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        LocalEndpoint endpoint = fixture.endpoint(request -> calls.incrementAndGet() == 1
                ? Reply.status(408)
                : calls.get() == 2 ? Reply.status(429) : Reply.status(200));
        WebhookHook hook = fixture.hook(endpoint);

        Outcome outcome = sendOneMessage(hook, 5);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
    }

    @Test
    void aRedirectIsNotFollowedAndDeadLettersTheCall() throws Exception {
        LocalEndpoint endpoint = fixture.endpoint(request ->
                request.path().equals("/moved") ? Reply.status(200) : new Reply(307, Map.of("Location", "/moved"), ""));
        WebhookHook hook = fixture.hook(endpoint);

        Outcome outcome = sendOneMessage(hook, 5);

        assertThat(endpoint.received()).extracting(Received::path).containsExactly("/hooks");
        assertThat(outcome.failure())
                .isInstanceOf(PermanentHookFailureException.class)
                .hasMessageContaining("HTTP 307")
                .hasMessageContaining("not followed");
    }
}
