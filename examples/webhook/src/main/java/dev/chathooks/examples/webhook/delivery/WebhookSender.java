package dev.chathooks.examples.webhook.delivery;

import dev.chathooks.api.PermanentHookFailureException;
import dev.chathooks.examples.webhook.payload.CloudEventWriter;
import dev.chathooks.examples.webhook.signing.WebhookSigner;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends signed requests to one endpoint and says what their answers mean, without blocking:
 * <ul>
 *   <li>2xx: delivered, the returned stage completes.</li>
 *   <li>5xx, 408 and 429, a timeout, a failed connection: it fails with a {@link WebhookDeliveryException}, which the
 *       processor retries with backoff. A {@code Retry-After} on a 429 or 503 holds every request to the endpoint
 *       back until then (at most {@link RetryAfter#MAX}): the endpoint asked for less traffic, not only for this
 *       call's.</li>
 *   <li>3xx: it fails with a {@link PermanentHookFailureException} (dead-lettered at once); redirects are never
 *       followed, since a webhook that moved wants its URL changed, and following would resend the payload to
 *       wherever the endpoint points.</li>
 *   <li>Any other 4xx: a {@link PermanentHookFailureException} with the status and the start of the body.</li>
 * </ul>
 * At most {@code maxInFlight} requests are in flight; more wait their turn without holding a thread. Every attempt
 * is signed afresh with the current time, under the same {@code webhook-id}. Connections are kept and reused by the
 * JDK's {@link HttpClient}; for {@code https} it negotiates HTTP/2 where the endpoint offers it (one connection,
 * many streams), for plain {@code http} it speaks HTTP/1.1 without trying an upgrade on every new connection.
 * Messages name the endpoint by scheme, host and port only: a URL's path or query may hold a token.
 */
public final class WebhookSender implements AutoCloseable {
    private final URI url;
    private final String endpoint;
    private final Duration timeout;
    private final WebhookSigner signer;
    private final Clock clock;
    private final ExecutorService executor;
    private final HttpClient client;
    private final InFlightLimiter limiter;
    /** Until when ({@link System#nanoTime()}) the endpoint asked, by Retry-After, to be left alone; 0: no wait. */
    private final AtomicLong holdUntilNanos = new AtomicLong();

    /**
     * @param url the endpoint
     * @param timeout the longest one request may take, connecting included
     * @param maxInFlight requests in flight at once
     * @param signer signs every request
     * @param clock gives the {@code webhook-timestamp}
     * @param threadName the name of the client's threads
     */
    public WebhookSender(
            URI url, Duration timeout, int maxInFlight, WebhookSigner signer, Clock clock, String threadName) {
        this.url = Objects.requireNonNull(url, "url is null");
        this.endpoint = url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        this.timeout = Objects.requireNonNull(timeout, "timeout is null");
        this.signer = Objects.requireNonNull(signer, "signer is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.limiter = new InFlightLimiter(maxInFlight);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, threadName + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(
                        "https".equalsIgnoreCase(url.getScheme())
                                ? HttpClient.Version.HTTP_2
                                : HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(executor)
                .build();
    }

    /** The endpoint as messages name it: scheme, host and port. */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Sends {@code body} once.
     *
     * @param webhookId the call's {@code webhook-id}, the same for every attempt of the call
     * @param body the payload, sent and signed as it is
     * @param what what the call is, for failure messages, such as {@code event e-42}
     * @return completes when the endpoint answered 2xx; fails as described above. Cancelling it aborts the request.
     */
    public CompletableFuture<Void> send(String webhookId, byte[] body, String what) {
        long waitNanos = holdUntilNanos.get() - System.nanoTime();
        if (holdUntilNanos.get() != 0 && waitNanos > 0) {
            CompletableFuture<Void> held = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS, executor)
                    .execute(() -> {
                        if (!held.isDone()) {
                            relay(limiter.submit(() -> exchange(webhookId, body, what)), held);
                        }
                    });
            return held;
        }
        return limiter.submit(() -> exchange(webhookId, body, what));
    }

    private static void relay(CompletableFuture<Void> from, CompletableFuture<Void> to) {
        to.whenComplete((ignored, error) -> from.cancel(true));
        from.whenComplete((ignored, error) -> {
            if (error == null) {
                to.complete(null);
            } else {
                to.completeExceptionally(error);
            }
        });
    }

    private CompletableFuture<Void> exchange(String webhookId, byte[] body, String what) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", CloudEventWriter.CONTENT_TYPE)
                .header("User-Agent", "chat-hooks-webhook")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signer.signature(webhookId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(
                request,
                info -> info.statusCode() / 100 == 2
                        ? HttpResponse.BodySubscribers.replacing(null)
                        : ResponseCut.subscriber());
        CompletableFuture<Void> result = exchange.handle((response, error) -> {
            if (error != null) {
                // handle() on the client's own future sees its failure wrapped once, if at all.
                Throwable cause =
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                throw transportFailure(cause, what);
            }
            judge(response, what);
            return null;
        });
        result.whenComplete((ignored, error) -> {
            if (result.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return result;
    }

    private void judge(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String quoted = response.body() == null || response.body().isEmpty() ? "" : ": " + response.body();
        if (status == 408 || status == 429 || status / 100 == 5) {
            Optional<Duration> wait = status == 429 || status == 503
                    ? RetryAfter.parse(response.headers().firstValue("Retry-After"), clock.instant())
                    : Optional.empty();
            wait.ifPresent(this::holdFor);
            throw new CompletionException(new WebhookDeliveryException(endpoint + " answered HTTP " + status
                    + " to " + what
                    + wait.map(d -> " (Retry-After: " + d.toSeconds() + " s)").orElse("")
                    + quoted));
        }
        if (status / 100 == 3) {
            String location = response.headers()
                    .firstValue("Location")
                    .map(l -> " to " + l)
                    .orElse("");
            throw new CompletionException(new PermanentHookFailureException(endpoint + " answered HTTP " + status
                    + " (a redirect" + location + ") to " + what + "; redirects are not followed: set the hook's url "
                    + "to where the endpoint is now"));
        }
        if (status / 100 == 4) {
            throw new CompletionException(
                    new PermanentHookFailureException(endpoint + " answered HTTP " + status + " to " + what + quoted));
        }
        throw new CompletionException(
                new WebhookDeliveryException(endpoint + " answered HTTP " + status + " to " + what + quoted));
    }

    private void holdFor(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        holdUntilNanos.accumulateAndGet(until, (current, next) -> current == 0 || next - current > 0 ? next : current);
    }

    private CompletionException transportFailure(Throwable error, String what) {
        String problem;
        if (error instanceof HttpConnectTimeoutException) {
            problem = "could not connect within " + timeout.toMillis() + " ms";
        } else if (error instanceof HttpTimeoutException) {
            problem = "did not answer within " + timeout.toMillis() + " ms";
        } else if (error instanceof ConnectException) {
            problem = "refused the connection or cannot be reached";
        } else if (error instanceof IOException) {
            problem = "failed: " + error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : " " + error.getMessage());
        } else {
            return new CompletionException(error);
        }
        return new CompletionException(
                new WebhookDeliveryException(endpoint + " " + problem + " (" + what + ")", error));
    }

    /** Stops the client's threads; requests in flight are abandoned. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
