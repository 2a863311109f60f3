package dev.chathooks.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chathooks.api.HookKind;
import dev.chathooks.examples.webhook.testing.Calls;
import dev.chathooks.examples.webhook.testing.DispatcherLike;
import dev.chathooks.examples.webhook.testing.DispatcherLike.Outcome;
import dev.chathooks.examples.webhook.testing.Signatures;
import dev.chathooks.examples.webhook.testing.WebhookFixture;
import dev.chathooks.mockservers.LocalEndpoint;
import dev.chathooks.mockservers.LocalEndpoint.Received;
import dev.chathooks.mockservers.LocalEndpoint.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook hook against a real local HTTP endpoint, called as the processor's dispatcher calls it. */
class WebhookHookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = WebhookFixture.SECRET;

    private final WebhookFixture fixture = new WebhookFixture();

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private static JsonNode json(Received request) throws IOException {
        return JSON.readTree(request.body());
    }

    @Test
    void everyKindIsPostedAsASignedCloudEventWithTheSeedsParameters() throws Exception {
        LocalEndpoint endpoint = fixture.endpoint(request -> Reply.status(204));
        WebhookHook hook = fixture.hook(endpoint);

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
        LocalEndpoint endpoint = fixture.endpoint(request -> Reply.status(200));
        WebhookHook hook = fixture.hook(endpoint, "participants", "ids");

        Calls.messageSent(hook, "e-1", "c-1", "hi").toCompletableFuture().get(10, TimeUnit.SECONDS);

        JsonNode participants = json(endpoint.received().get(0)).at("/data/participants");
        assertThat(participants.toString()).isEqualTo("[\"u-alice\",\"u-bob\"]");
    }

    @Test
    void kindsLeftOutAreNotSentAndTheirCallsSucceed() throws Exception {
        LocalEndpoint endpoint = fixture.endpoint(request -> Reply.status(200));
        WebhookHook hook = fixture.hook(endpoint, "kinds", "after_message_sent, after_conversation_created");

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
        LocalEndpoint endpoint = fixture.endpoint(request -> {
            if (request.path().equals("/slow")) {
                slowArrived.countDown();
                slowMayAnswer.await();
            }
            return Reply.status(200);
        });
        WebhookHook fast = fixture.hook(endpoint);
        WebhookHook slow =
                fixture.hook("slow-webhook", Map.of("url", endpoint.url("/slow").toString(), "secret", SECRET));
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
    void everyConfiguredSecretSignsEveryRequest() throws Exception {
        String oldSecret = Signatures.newSecret();
        String newSecret = Signatures.newSecret();
        LocalEndpoint endpoint = fixture.endpoint(request -> Reply.status(200));
        WebhookHook hook = fixture.hook(
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
        LocalEndpoint endpoint = fixture.endpoint(request -> Reply.status(200));
        WebhookHook first = fixture.hook(endpoint);
        WebhookHook other =
                fixture.hook("audit", Map.of("url", endpoint.url("/hooks").toString(), "secret", SECRET));

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
        LocalEndpoint endpoint = fixture.endpoint(request -> {
            threeArrived.countDown();
            threeArrived.await(); // the first three hold on until all three are in flight
            return Reply.status(200);
        });
        WebhookHook hook = fixture.hook(endpoint, "max-in-flight", "3");
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
            LocalEndpoint endpoint = fixture.endpoint(request -> new Reply(500, Map.of(), "oops"));
            WebhookHook hook = fixture.hook(
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
