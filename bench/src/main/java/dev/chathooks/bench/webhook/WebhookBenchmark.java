package dev.chathooks.bench.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import dev.chathooks.bench.TakingTurns;
import dev.chathooks.examples.webhook.WebhookHook;
import dev.chathooks.examples.webhook.config.ParticipantsMode;
import dev.chathooks.examples.webhook.payload.CallData;
import dev.chathooks.examples.webhook.payload.CloudEventWriter;
import dev.chathooks.examples.webhook.signing.WebhookSigner;
import dev.chathooks.mockservers.LocalEndpoint;
import dev.chathooks.testkit.InMemoryHookContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Measures the webhook hook's throughput, in calls per second, to a local HTTP endpoint (the JDK's
 * {@code HttpServer} in this JVM, answering 204), next to a bare JDK {@link HttpClient} sending the same requests
 * (the same signed CloudEvents bodies and headers) with the same bound in flight. The hook is called as the
 * processor calls it: each call from a conversation of its own, the next started when a slot of the dispatcher's
 * bound frees up; the hook keeps its own bound of requests in flight. The bare client is given the bodies already
 * serialized and signs each request as the hook does, so the difference is what the hook adds: writing the payload
 * from the records, the {@code webhook-id}, its bookkeeping. Each figure is the median of the rounds, after
 * warm-up rounds until the JIT has settled ({@link TakingTurns}); the hook's and the bare rounds take turns.
 *
 * <p>{@code java -cp ... dev.chathooks.bench.webhook.WebhookBenchmark [calls] [rounds]} prints a table and a JSON
 * line with {@code webhook_per_s} and {@code webhook_raw_per_s}.
 */
public final class WebhookBenchmark {
    /** Requests in flight: the hook's {@code max-in-flight} (its default) and the bare client's bound. */
    public static final int MAX_IN_FLIGHT = 64;
    /** Calls in flight from the driver, as the processor's {@code dispatch.max-in-flight} default. */
    private static final int DISPATCH_IN_FLIGHT = 256;

    private static final int ENDPOINT_THREADS = 8;
    private static final String SECRET = "whsec_"
            + Base64.getEncoder()
                    .encodeToString(
                            "chat-hooks webhook bench secret!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private WebhookBenchmark() {}

    /** Runs with {@code args[0]} calls per round (default 20000) and {@code args[1]} rounds (default 3). */
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<String, Double> rates = run(calls, rounds, Duration.ofSeconds(20));
        System.out.printf(
                "Webhook calls to a local endpoint, %,d per round, in-flight bound %d, median of %d rounds%n",
                calls, MAX_IN_FLIGHT, rounds);
        System.out.printf(
                "%-14s %,14.0f%n%-14s %,14.0f%n",
                "webhook hook /s", rates.get("webhook_per_s"), "bare client /s", rates.get("webhook_raw_per_s"));
        System.out.println(new ObjectMapper().writeValueAsString(rates));
    }

    /**
     * Runs the benchmark; the {@code bench} command calls it too.
     *
     * @param calls calls (requests) per round, at least 1
     * @param rounds measured rounds per figure, at least 1
     * @param mostWarmUp the longest warm-up ({@link TakingTurns#measure})
     * @return calls per second: {@code webhook_per_s}, {@code webhook_raw_per_s}
     */
    public static Map<String, Double> run(int calls, int rounds, Duration mostWarmUp) throws Exception {
        if (calls < 1 || rounds < 1) {
            throw new IllegalArgumentException("calls and rounds must be at least 1");
        }
        AtomicInteger answered = new AtomicInteger();
        try (LocalEndpoint endpoint = LocalEndpoint.forThroughput(
                request -> {
                    answered.incrementAndGet();
                    return LocalEndpoint.Reply.status(204);
                },
                ENDPOINT_THREADS)) {
            URI url = endpoint.url("/hooks");
            List<Call> work = calls(calls);
            TakingTurns.Medians medians = TakingTurns.measure(
                    rounds, mostWarmUp, () -> hookRound(url, work, answered), () -> bareRound(url, work, answered));
            Map<String, Double> rates = new LinkedHashMap<>();
            rates.put("webhook_per_s", medians.first());
            rates.put("webhook_raw_per_s", medians.second());
            return rates;
        }
    }

    /** One call's arguments: a message to a conversation of five. */
    private record Call(Message message, Conversation conversation, List<User> participants, EventInfo event) {}

    private static List<Call> calls(int count) {
        List<User> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(User.of(Map.of("id", "u-" + i, "username", "user" + i, "name", "User " + i)));
        }
        Instant time = Instant.parse("2026-11-24T10:00:00.120Z");
        List<Call> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String conversationId = "c-" + i;
            calls.add(new Call(
                    Message.of(Map.of(
                            "id",
                            "m-" + i,
                            "conversation_id",
                            conversationId,
                            "sender_id",
                            "u-0",
                            "body",
                            "Hello, everyone: this is message " + i + " of the benchmark.")),
                    Conversation.of(Map.of("id", conversationId, "title", "Conversation " + i)),
                    members,
                    new EventInfo(
                            "e-" + i,
                            HookKind.AFTER_MESSAGE_SENT,
                            "chat.message.sent",
                            conversationId,
                            "u-0",
                            time,
                            Map.of("id", "e-" + i))));
        }
        return calls;
    }

    /** The first call that failed for good, for the message that says why a round cannot be counted. */
    private static final java.util.concurrent.atomic.AtomicReference<String> FIRST_ERROR =
            new java.util.concurrent.atomic.AtomicReference<>();

    private static double hookRound(URI url, List<Call> work, AtomicInteger answered) throws Exception {
        WebhookHook hook = new WebhookHook();
        hook.start(new InMemoryHookContext(
                "webhook",
                Map.of("url", url.toString(), "secret", SECRET, "max-in-flight", Integer.toString(MAX_IN_FLIGHT))));
        try {
            Semaphore dispatch = new Semaphore(DISPATCH_IN_FLIGHT);
            CountDownLatch done = new CountDownLatch(work.size());
            AtomicInteger failed = new AtomicInteger();
            int before = answered.get();
            long start = System.nanoTime();
            for (Call call : work) {
                dispatch.acquire();
                retriedOnce(() -> hook.afterMessageSent(
                                call.message(), call.conversation(), call.participants(), call.event()))
                        .whenComplete((ignored, error) -> {
                            if (error != null) {
                                FIRST_ERROR.compareAndSet(null, "hook: " + error);
                                failed.incrementAndGet();
                            }
                            dispatch.release();
                            done.countDown();
                        });
            }
            return rate(done, failed, work.size(), start, answered, before);
        } finally {
            hook.close();
        }
    }

    private static double bareRound(URI url, List<Call> work, AtomicInteger answered) throws Exception {
        CloudEventWriter writer = new CloudEventWriter(ParticipantsMode.RECORDS);
        WebhookSigner signer = WebhookSigner.fromSecrets(List.of(SECRET));
        List<byte[]> bodies = new ArrayList<>(work.size());
        List<String> ids = new ArrayList<>(work.size());
        for (Call call : work) {
            bodies.add(writer.write(
                    call.event(), new CallData(call.message(), call.conversation(), call.participants(), null, null)));
            ids.add(WebhookSigner.webhookId(
                    "webhook", call.event().kind(), call.event().id()));
        }
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "bare-client");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(15))
                .executor(executor)
                .build();
        try {
            Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
            CountDownLatch done = new CountDownLatch(work.size());
            AtomicInteger failed = new AtomicInteger();
            int before = answered.get();
            long start = System.nanoTime();
            for (int i = 0; i < work.size(); i++) {
                inFlight.acquire();
                long timestamp = System.currentTimeMillis() / 1000;
                byte[] body = bodies.get(i);
                HttpRequest request = HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", CloudEventWriter.CONTENT_TYPE)
                        .header("User-Agent", "chat-hooks-webhook")
                        .header("webhook-id", ids.get(i))
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", signer.signature(ids.get(i), timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                retriedOnce(() -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                                .thenApply(response -> {
                                    if (response.statusCode() / 100 != 2) {
                                        throw new IllegalStateException("HTTP " + response.statusCode());
                                    }
                                    return response;
                                }))
                        .whenComplete((response, error) -> {
                            if (error != null) {
                                FIRST_ERROR.compareAndSet(null, "bare client: " + error);
                                failed.incrementAndGet();
                            }
                            inFlight.release();
                            done.countDown();
                        });
            }
            return rate(done, failed, work.size(), start, answered, before);
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Makes a call, and makes it once more if it fails, as the processor's retry policy would (a connection the
     * local server closed under load, say); both the hook's and the bare client's calls get the same second chance.
     */
    private static <T> CompletionStage<T> retriedOnce(Supplier<CompletionStage<T>> call) {
        return call.get()
                .handle((result, error) -> error == null ? CompletableFuture.completedStage(result) : call.get())
                .thenCompose(stage -> stage);
    }

    private static double rate(
            CountDownLatch done,
            AtomicInteger failed,
            int expected,
            long startNanos,
            AtomicInteger answered,
            int before)
            throws InterruptedException {
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the calls did not finish within 10 minutes");
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        int delivered = answered.get() - before;
        // More answers than calls only when a call was retried after the endpoint had answered it.
        if (failed.get() > 0 || delivered < expected) {
            throw new IllegalStateException("the endpoint answered " + delivered + " of " + expected + " requests ("
                    + failed.get() + " failed, the first with " + FIRST_ERROR.get() + "); the figure would be wrong");
        }
        return expected / seconds;
    }
}
