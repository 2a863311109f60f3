package dev.chathooks.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.PermanentHookFailureException;
import dev.chathooks.examples.webhook.delivery.WebhookDeliveryException;
import dev.chathooks.examples.webhook.testing.Calls;
import dev.chathooks.examples.webhook.testing.DispatcherLike;
import dev.chathooks.examples.webhook.testing.DispatcherLike.Outcome;
import dev.chathooks.examples.webhook.testing.Signatures;
import dev.chathooks.mockservers.LocalEndpoint;
import dev.chathooks.mockservers.LocalEndpoint.Received;
import dev.chathooks.mockservers.LocalEndpoint.Reply;
import dev.chathooks.testkit.InMemoryHookContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook hook against a real local HTTP endpoint, called as the processor's dispatcher calls it. */
class WebhookHookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = Signatures.newSecret();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private LocalEndpoint endpoint(LocalEndpoint.Responder responder) throws IOException {
        LocalEndpoint endpoint = LocalEndpoint.start(responder);
        toClose.add(endpoint);
        return endpoint;
    }

    private WebhookHook hook(String name, Map<String, String> settings) {
        WebhookHook hook = new WebhookHook();
        hook.start(new InMemoryHookContext(name, settings));
        toClose.add(hook::close);
        return hook;
    }

    private WebhookHook hook(LocalEndpoint endpoint, String... moreSettings) {
        Map<String, String> settings =
                new HashMap<>(Map.of("url", endpoint.url("/hooks").toString(), "secret", SECRET));
        for (int i = 0; i < moreSettings.length; i += 2) {
            settings.put(moreSettings[i], moreSettings[i + 1]);
        }
        return hook("webhook", settings);
    }

    private static JsonNode json(Received request) throws IOException {
        return JSON.readTree(request.body());
    }

    @Test
    void everyKindIsPostedAsASignedCloudEventWithTheSeedsParameters() throws Exception {
        LocalEndpoint endpoint = endpoint(request -> Reply.status(204));
        WebhookHook hook = hook(endpoint);

        for (HookKind kind : HookKind.values()) {
            Calls.call(hook, kind, "e-" + kind.ordinal(), "c-1")
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }

        List<Received> received = endpoint.received();
        assertThat(received).hasSize(9);
        Map<String, List<String>> dataKeys = new HashMap<>();
        for (Received request : received) {
            JsonNode event = json(request);
            assertThat(request.path()).isEqualTo("/hooks");
            assertThat(request.header("content-type")).isEqualTo("application/cloudevents+json; charset=utf-8");
            assertThat(Signatures.verifies(request, SECRET)).isTrue();
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("source").asText()).isEqualTo("/chat-hooks");
            assertThat(event.get("subject").asText()).isEqualTo("c-1");
            assertThat(event.get("time").asText()).isEqualTo("2026-11-24T10:00:00.120Z");
            assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(event.get("actor").asText()).isEqualTo("u-alice");
            HookKind kind = HookKind.fromSeedName(event.get("type").asText()).orElseThrow();
            assertThat(event.get("id").asText()).isEqualTo("e-" + kind.ordinal());
            List<String> keys = new ArrayList<>();
            event.get("data").fieldNames().forEachRemaining(keys::add);
            dataKeys.put(kind.seedName(), keys);
            assertThat(event.at("/data/conversation/title").asText()).isEqualTo("Team c-1");
            assertThat(event.at("/data/conversation/metadata/topic").asText()).isEqualTo("launch");
            assertThat(event.at("/data/participants/0/username").asText()).isEqualTo("alice");
        }
        assertThat(dataKeys)
                .containsEntry("after_message_sent", List.of("message", "conversation", "participants"))
                .containsEntry("after_message_updated", List.of("message", "conversation", "participants"))
                .containsEntry("after_message_deleted", List.of("message", "conversation", "participants"))
                .containsEntry("typing_started", List.of("conversation", "participants", "events"))
                .containsEntry("after_conversation_created", List.of("conversation", "participants"))
                .containsEntry("after_conversation_updated", List.of("conversation", "participants"))
                .containsEntry("after_conversation_deleted", List.of("conversation", "participants"))
                .containsEntry(
                        "after_users_added_to_conversation", List.of("conversation", "participants", "new_users"))
                .containsEntry(
                        "after_users_removed_from_conversation", List.of("conversation", "participants", "old_users"));
    }

    @Test
    void participantsAsIdsSendsTheirIdsOnly() throws Exception {
        LocalEndpoint endpoint = endpoint(request -> Reply.status(200));
        WebhookHook hook = hook(endpoint, "participants", "ids");

        Calls.messageSent(hook, "e-1", "c-1", "hi").toCompletableFuture().get(10, TimeUnit.SECONDS);

        JsonNode participants = json(endpoint.received().get(0)).at("/data/participants");
        assertThat(participants.toString()).isEqualTo("[\"u-alice\",\"u-bob\"]");
    }

    @Test
    void kindsLeftOutAreNotSentAndTheirCallsSucceed() throws Exception {
        LocalEndpoint endpoint = endpoint(request -> Reply.status(200));
        WebhookHook hook = hook(endpoint, "kinds", "after_message_sent, after_conversation_created");

        for (HookKind kind : HookKind.values()) {
            Calls.call(hook, kind, "e-" + kind.ordinal(), "c-1")
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }

        List<String> types = new ArrayList<>();
        for (Received request : endpoint.received()) {
            types.add(json(request).get("type").asText());
        }
        assertThat(types).containsExactly("after_message_sent", "after_conversation_created");
    }

    @Test
    void aConversationsCallsArriveInOrderWhileAnotherConversationsEndpointAnswersSlowly() throws Exception {
        CountDownLatch slowMayAnswer = new CountDownLatch(1);
        CountDownLatch slowArrived = new CountDownLatch(1);
        LocalEndpoint endpoint = endpoint(request -> {
            if (request.path().equals("/slow")) {
                slowArrived.countDown();
                slowMayAnswer.await();
            }
            return Reply.status(200);
        });
        WebhookHook fast = hook(endpoint);
        WebhookHook slow =
                hook("slow-webhook", Map.of("url", endpoint.url("/slow").toString(), "secret", SECRET));
        DispatcherLike dispatcher = new DispatcherLike(1);

        List<CompletableFuture<Outcome>> slowCalls = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String id = "s-" + i;
            slowCalls.add(dispatcher.submit("c-slow", () -> Calls.messageSent(slow, id, "c-slow", id)));
        }
        List<CompletableFuture<Outcome>> fastCalls = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            String id = "f-" + i;
            fastCalls.add(dispatcher.submit("c-fast", () -> Calls.messageSent(fast, id, "c-fast", id)));
        }
        CompletableFuture.allOf(fastCalls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(slowArrived.await(30, TimeUnit.SECONDS)).isTrue();

        // Every call of the fast conversation is done while the slow one still waits for its first answer.
        assertThat(slowCalls.get(0)).isNotDone();
        List<String> fastIds = new ArrayList<>();
        List<String> slowIds = new ArrayList<>();
        for (Received request : endpoint.received()) {
            (request.path().equals("/slow") ? slowIds : fastIds)
                    .add(json(request).get("id").asText());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            expected.add("f-" + i);
        }
        assertThat(fastIds).isEqualTo(expected);
        assertThat(slowIds).containsExactly("s-1");

        slowMayAnswer.countDown();
        CompletableFuture.allOf(slowCalls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        slowIds.clear();
        for (Received request : endpoint.received()) {
            if (request.path().equals("/slow")) {
                slowIds.add(json(request).get("id").asText());
            }
        }
        assertThat(slowIds).containsExactly("s-1", "s-2", "s-3");
    }

    @Test
    void serverErrorsAreRetriedUnderTheSameWebhookIdWithAFreshValidSignature() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        LocalEndpoint endpoint = endpoint(request -> calls.incrementAndGet() <= 2
                ? new Reply(calls.get() == 1 ? 500 : 503, Map.of(), "database is down")
                : Reply.status(200));
        WebhookHook hook = hook(endpoint);

        Outcome outcome = new DispatcherLike(5)
                .submit("c-1", () -> Calls.messageSent(hook, "e-1", "c-1", "hi"))
                .get(30, TimeUnit.SECONDS);

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
        LocalEndpoint endpoint = endpoint(request -> new Reply(502, Map.of(), "bad gateway"));
        WebhookHook hook = hook(endpoint);

        Outcome outcome = new DispatcherLike(2)
                .submit("c-1", () -> Calls.messageSent(hook, "e-1", "c-1", "hi"))
                .get(30, TimeUnit.SECONDS);

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
        LocalEndpoint endpoint = endpoint(request -> {
            synchronized (arrivals) {
                arrivals.add(System.nanoTime());
                return arrivals.size() == 1 ? new Reply(429, Map.of("Retry-After", "1"), "") : Reply.status(200);
            }
        });
        WebhookHook hook = hook(endpoint);

        Outcome outcome = new DispatcherLike(3)
                .submit("c-1", () -> Calls.messageSent(hook, "e-1", "c-1", "hi"))
                .get(30, TimeUnit.SECONDS);

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
        LocalEndpoint endpoint = endpoint(request -> {
            if (calls.incrementAndGet() == 1) {
                release.await(); // longer than the hook's timeout
            }
            return Reply.status(200);
        });
        toClose.add(0, release::countDown);
        WebhookHook hook = hook(endpoint, "timeout", "300ms");
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
                hook("webhook", Map.of("url", "http://127.0.0.1:" + closedPort + "/hooks", "secret", SECRET));

        Outcome outcome = new DispatcherLike(2)
                .submit("c-1", () -> Calls.messageSent(hook, "e-1", "c-1", "hi"))
                .get(30, TimeUnit.SECONDS);

        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.failure())
                .isInstanceOf(WebhookDeliveryException.class)
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void aClientErrorDeadLettersTheCallAtOnceWithTheStatusAndTheStartOfTheBody() throws Exception {
        String longBody = "{\"error\": \"unknown conversation\", \"detail\": \"" + "x".repeat(1000) + "\"}";
        LocalEndpoint endpoint = endpoint(request -> new Reply(422, Map.of(), longBody));
        WebhookHook hook = hook(endpoint);

        Outcome outcome = new DispatcherLike(5)
                .submit("c-1", () -> Calls.messageSent(hook, "e-1", "c-1", "hi"))
                .get(30, TimeUnit.SECONDS);

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
        LocalEndpoint endpoint = endpoint(request -> calls.incrementAndGet() == 1
                ? Reply.status(408)
                : calls.get() == 2 ? Reply.status(429) : Reply.status(200));
        WebhookHook hook = hook(endpoint);

        Outcome outcome = new DispatcherLike(5)
                .submit("c-1", () -> Calls.messageSent(hook, "e-1", "c-1", "hi"))
                .get(30, TimeUnit.SECONDS);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
    }

    @Test
    void aRedirectIsNotFollowedAndDeadLettersTheCall() throws Exception {
        LocalEndpoint endpoint = endpoint(request ->
                request.path().equals("/moved") ? Reply.status(200) : new Reply(307, Map.of("Location", "/moved"), ""));
        WebhookHook hook = hook(endpoint);

        Outcome outcome = new DispatcherLike(5)
                .submit("c-1", () -> Calls.messageSent(hook, "e-1", "c-1", "hi"))
                .get(30, TimeUnit.SECONDS);

        assertThat(endpoint.received()).extracting(Received::path).containsExactly("/hooks");
        assertThat(outcome.failure())
                .isInstanceOf(PermanentHookFailureException.class)
                .hasMessageContaining("HTTP 307")
                .hasMessageContaining("not followed");
    }

    @Test
    void everyConfiguredSecretSignsEveryRequest() throws Exception {
        String oldSecret = Signatures.newSecret();
        String newSecret = Signatures.newSecret();
        LocalEndpoint endpoint = endpoint(request -> Reply.status(200));
        WebhookHook hook = hook(
                "webhook", Map.of("url", endpoint.url("/hooks").toString(), "secret", oldSecret + ", " + newSecret));

        Calls.messageSent(hook, "e-1", "c-1", "hi").toCompletableFuture().get(10, TimeUnit.SECONDS);

        Received request = endpoint.received().get(0);
        assertThat(request.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(Signatures.verifies(request, oldSecret)).isTrue();
        assertThat(Signatures.verifies(request, newSecret)).isTrue();
        assertThat(Signatures.verifies(request, Signatures.newSecret())).isFalse();
        assertThat(Long.parseLong(request.header("webhook-timestamp")))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(300L));
    }

    @Test
    void theWebhookIdIsStablePerInstanceAndEvent() throws Exception {
        LocalEndpoint endpoint = endpoint(request -> Reply.status(200));
        WebhookHook first = hook(endpoint);
        WebhookHook other = hook("audit", Map.of("url", endpoint.url("/hooks").toString(), "secret", SECRET));

        Calls.messageSent(first, "e-1", "c-1", "hi").toCompletableFuture().get(10, TimeUnit.SECONDS);
        Calls.messageSent(first, "e-1", "c-1", "hi").toCompletableFuture().get(10, TimeUnit.SECONDS);
        Calls.messageSent(first, "e-2", "c-1", "hi").toCompletableFuture().get(10, TimeUnit.SECONDS);
        Calls.messageSent(other, "e-1", "c-1", "hi").toCompletableFuture().get(10, TimeUnit.SECONDS);

        List<String> ids =
                endpoint.received().stream().map(r -> r.header("webhook-id")).toList();
        assertThat(ids.get(0)).isEqualTo(ids.get(1)).startsWith("msg_");
        assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
        assertThat(ids.get(3)).isNotEqualTo(ids.get(0));
    }

    @Test
    void noMoreRequestsThanMaxInFlightAreSentAtOnce() throws Exception {
        CountDownLatch threeArrived = new CountDownLatch(3);
        LocalEndpoint endpoint = endpoint(request -> {
            threeArrived.countDown();
            threeArrived.await(); // the first three hold on until all three are in flight
            return Reply.status(200);
        });
        WebhookHook hook = hook(endpoint, "max-in-flight", "3");
        DispatcherLike dispatcher = new DispatcherLike(1);

        List<CompletableFuture<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String conversation = "c-" + i;
            calls.add(dispatcher.submit(
                    conversation, () -> Calls.messageSent(hook, "e-" + conversation, conversation, "hi")));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(calls).allMatch(call -> call.join().succeeded());
        assertThat(endpoint.received()).hasSize(40);
        assertThat(endpoint.maxInFlight()).isEqualTo(3);
    }

    @Test
    void logsAndFailuresHoldNeitherTheSecretNorTheBodyNorTheSignatureNorThePath() throws Exception {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(new java.util.logging.SimpleFormatter().format(record));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        root.addHandler(capture);
        try {
            LocalEndpoint endpoint = endpoint(request -> new Reply(500, Map.of(), "oops"));
            WebhookHook hook = hook(
                    "webhook",
                    Map.of("url", endpoint.url("/hooks/token-in-path").toString(), "secret", SECRET));
            Outcome outcome = new DispatcherLike(2)
                    .submit("c-1", () -> Calls.messageSent(hook, "e-1", "c-1", "a private message"))
                    .get(30, TimeUnit.SECONDS);
            logged.add(outcome.failure().getMessage()); // the processor logs it and puts it in the dead letter
            String signature = endpoint.received().get(0).header("webhook-signature");

            assertThat(logged).isNotEmpty();
            assertThat(String.join("\n", logged))
                    .doesNotContain(SECRET.substring("whsec_".length()))
                    .doesNotContain("a private message")
                    .doesNotContain(signature.substring(3))
                    .doesNotContain("token-in-path");
        } finally {
            root.removeHandler(capture);
        }
    }
}
