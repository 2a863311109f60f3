package dev.chathooks.examples.push;

import static dev.chathooks.examples.push.Chat.apnsDevice;
import static dev.chathooks.examples.push.Chat.apnsToken;
import static dev.chathooks.examples.push.Chat.conversation;
import static dev.chathooks.examples.push.Chat.devices;
import static dev.chathooks.examples.push.Chat.message;
import static dev.chathooks.examples.push.Chat.sent;
import static dev.chathooks.examples.push.Chat.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.User;
import dev.chathooks.mockservers.MockApnsService;
import dev.chathooks.testkit.ChatTraffic;
import dev.chathooks.testkit.HookRun;
import dev.chathooks.testkit.HookTester;
import dev.chathooks.testkit.InMemoryHookContext;
import dev.chathooks.testkit.WrittenRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push hook against Pushy's MockApnsServer: TLS, token authentication, APNs's answers. */
class PushHookApnsTest {
    private static final String TOPIC = "dev.chathooks.app";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong TOKENS = new AtomicLong(1);

    @TempDir
    static Path folder;

    static MockApnsService apns;

    InMemoryHookContext context;
    PushHook hook;

    @BeforeAll
    static void startServer() throws Exception {
        apns = MockApnsService.start(TOPIC, folder, true);
    }

    @AfterAll
    static void stopServer() {
        apns.close();
    }

    @AfterEach
    void closeHook() {
        if (hook != null) {
            hook.close();
        }
    }

    private void startHook(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(apns.hookSettings());
        settings.put("mode", "send");
        settings.put("retry.initial-backoff", "10ms");
        settings.put("retry.max-backoff", "50ms");
        settings.putAll(extra);
        context = new InMemoryHookContext("push", settings);
        hook = new PushHook();
        hook.start(context);
    }

    /**
     * Runs {@code traffic} through a push hook on the hook test kit: the processor's topology and dispatch, the
     * devices table filled from the traffic, the feedback topic recorded.
     */
    private static HookRun runOnKit(ChatTraffic traffic) {
        HookTester tester = HookTester.of(new PushHook())
                .config("mode", "send")
                .config("retry.initial-backoff", "10ms")
                .config("retry.max-backoff", "50ms");
        apns.hookSettings().forEach(tester::config);
        return tester.run(traffic);
    }

    /** A fresh token registered with the server, so that tests do not see each other's notifications. */
    private static String registeredToken() {
        String token = apnsToken(TOKENS.getAndIncrement());
        apns.registerToken(token);
        return token;
    }

    private void giveDevices(String userId, Map<?, ?>... userDevices) {
        context.table("chat.devices").put(userId, devices(userDevices));
    }

    private List<ApnsPushNotification> acceptedFor(String... tokens) {
        List<String> wanted = List.of(tokens);
        return apns.accepted().stream()
                .filter(n -> wanted.contains(n.getToken()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> aps(ApnsPushNotification notification) throws Exception {
        return (Map<String, Object>)
                JSON.readValue(notification.getPayload(), Map.class).get("aps");
    }

    private void send(
            dev.chathooks.api.Message message, Conversation conversation, List<User> participants, String eventId)
            throws Exception {
        hook.afterMessageSent(
                        message,
                        conversation,
                        participants,
                        sent(eventId, conversation.id(), message.senderId().orElse(null)))
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void notifiesEveryDeviceOfEveryParticipantButTheSender() throws Exception {
        String aliceToken = registeredToken();
        String bobPhone = registeredToken();
        String bobTablet = registeredToken();
        String carolPhone = registeredToken();
        apns.registerToken("dev.chathooks.other", carolPhone);

        runOnKit(ChatTraffic.create()
                .user("alice")
                .user("bob")
                .user("carol")
                .device("alice", apnsDevice("d-a", aliceToken))
                .device("bob", apnsDevice("d-b1", bobPhone))
                .device("bob", apnsDevice("d-b2", bobTablet))
                .device(
                        "carol",
                        Map.of("id", "d-c", "platform", "apns", "token", carolPhone, "topic", "dev.chathooks.other"))
                .conversationCreated("c-1", "Team", "alice", "bob", "carol")
                .messageSent("alice", "c-1", "hi"));

        assertThat(acceptedFor(aliceToken)).isEmpty();
        List<ApnsPushNotification> accepted = acceptedFor(bobPhone, bobTablet, carolPhone);
        assertThat(accepted)
                .extracting(ApnsPushNotification::getToken)
                .containsExactlyInAnyOrder(bobPhone, bobTablet, carolPhone);
        for (ApnsPushNotification notification : accepted) {
            Map<String, Object> aps = aps(notification);
            assertThat(aps.get("alert")).isEqualTo(Map.of("title", "Team", "body", "alice: hi"));
            assertThat(aps.get("thread-id")).isEqualTo("c-1");
            assertThat(notification.getCollapseId()).isEqualTo("m-1");
            assertThat(notification.getPushType()).isEqualTo(PushType.ALERT);
        }
        assertThat(accepted)
                .filteredOn(n -> n.getToken().equals(carolPhone))
                .extracting(ApnsPushNotification::getTopic)
                .containsExactly("dev.chathooks.other");
        assertThat(accepted)
                .filteredOn(n -> !n.getToken().equals(carolPhone))
                .extracting(ApnsPushNotification::getTopic)
                .containsOnly(TOPIC);
    }

    @Test
    void skipsMutedAndPushDisabledUsersAndMessagesWithPushFalse() throws Exception {
        String bob = registeredToken();
        String carol = registeredToken();
        String dave = registeredToken();

        runOnKit(ChatTraffic.create()
                .user("alice")
                .user("bob")
                .user("carol", Map.of("push_enabled", false))
                .user("dave")
                .device("bob", apnsDevice("d-b", bob))
                .device("carol", apnsDevice("d-c", carol))
                .device("dave", apnsDevice("d-d", dave))
                .conversationCreated(
                        Map.of("id", "c-2", "title", "Muted", "muted_user_ids", List.of("u-dave")),
                        List.of("alice", "bob", "carol", "dave"),
                        List.of("alice"))
                .messageSent("alice", "c-2", "hello")
                .messageSent("alice", "c-2", Map.of("body", "quiet", "push", false)));

        assertThat(acceptedFor(bob, carol, dave))
                .extracting(ApnsPushNotification::getToken)
                .containsExactly(bob);
        assertThat(apns.attempts(carol)).isZero();
        assertThat(apns.attempts(dave)).isZero();
    }

    @Test
    void anAttachmentWithoutBodySaysAFileWasSent() throws Exception {
        String bob = registeredToken();

        runOnKit(ChatTraffic.create()
                .user("alice")
                .user("bob")
                .device("bob", apnsDevice("d-b", bob))
                .conversationCreated("c-3", "Pets", "alice", "bob")
                .messageSent(
                        "alice",
                        "c-3",
                        Map.of(
                                "attachment",
                                Map.of("name", "cat.png", "content_type", "image/png", "url", "https://x/cat.png"))));

        assertThat(aps(acceptedFor(bob).get(0)).get("alert"))
                .isEqualTo(Map.of("title", "Pets", "body", "alice sent you a file."));
    }

    @Test
    void rejectedTokensAreReportedAndNeverUsedAgain() throws Exception {
        String good = registeredToken();
        String unregistered = registeredToken();
        apns.unregisterToken(unregistered);
        String unknown = registeredToken();
        apns.failNext(unknown, RejectionReason.BAD_DEVICE_TOKEN);
        String otherTopic = apnsToken(TOKENS.getAndIncrement());
        apns.registerToken("dev.chathooks.other", otherTopic);

        HookRun run = runOnKit(ChatTraffic.create()
                .user("alice")
                .user("bob")
                .user("carol")
                .device("bob", apnsDevice("d-good", good))
                .device("bob", apnsDevice("d-gone", unregistered))
                .device("carol", apnsDevice("d-bad", unknown))
                .device("carol", apnsDevice("d-topic", otherTopic))
                .conversationCreated("c-4", "Team", "alice", "bob", "carol")
                .messageSent("alice", "c-4", "one")
                .messageSent("alice", "c-4", "two"));

        List<WrittenRecord> reports = run.written("chat-hooks.push-feedback");
        assertThat(reports).extracting(WrittenRecord::key).containsExactlyInAnyOrder("u-bob", "u-carol", "u-carol");
        assertThat(reports)
                .extracting(record -> record.value().get("reason"))
                .containsExactlyInAnyOrder("Unregistered", "BadDeviceToken", "DeviceTokenNotForTopic");
        WrittenRecord gone = reports.stream()
                .filter(r -> "Unregistered".equals(r.value().get("reason")))
                .findFirst()
                .orElseThrow();
        assertThat(gone.value())
                .containsEntry("user_id", "u-bob")
                .containsEntry("device_id", "d-gone")
                .containsEntry("platform", "apns")
                .containsEntry("token", unregistered)
                .containsKey("time");
        assertThat(apns.attempts(unregistered)).isEqualTo(1);
        assertThat(apns.attempts(unknown)).isEqualTo(1);
        assertThat(apns.attempts(otherTopic)).isEqualTo(1);
        assertThat(apns.attempts(good)).isEqualTo(2);
        assertThat(run.count("push_notifications_sent", "platform", "apns")).isEqualTo(2);
        assertThat(run.count("push_notifications_rejected", "platform", "apns")).isEqualTo(3);
        assertThat(run.count("push_notifications_rejected", "platform", "apns", "reason", "Unregistered"))
                .isEqualTo(1);
        assertThat(run.count("push_notifications_failed")).isZero();
        assertThat(run.timings("push_fanout")).isEqualTo(2);
    }

    @Test
    void aRejectionThatCannotBeReportedFailsTheCallAndIsReportedWhenTheCallIsRetried() throws Exception {
        startHook(Map.of());
        String gone = registeredToken();
        apns.unregisterToken(gone);
        giveDevices("u-bob", apnsDevice("d-gone", gone));
        List<User> participants = List.of(user("u-alice"), user("u-bob"));
        context.writer("chat-hooks.push-feedback").failWith(new IllegalStateException("broker down"));

        assertThatThrownBy(() ->
                        send(message("m-12", "c-9", "u-alice", "x"), conversation("c-9", "T"), participants, "e-12"))
                .cause()
                .isInstanceOf(PushDeliveryException.class)
                .hasMessageContaining("broker down");
        context.writer("chat-hooks.push-feedback").failWith(null);
        send(message("m-12", "c-9", "u-alice", "x"), conversation("c-9", "T"), participants, "e-12");

        assertThat(context.writer("chat-hooks.push-feedback").records())
                .extracting(WrittenRecord::key)
                .containsExactly("u-bob");
        assertThat(apns.attempts(gone)).isEqualTo(2);
    }

    @Test
    void throttlingAndUnavailabilityAreRetried() throws Exception {
        startHook(Map.of());
        String bob = registeredToken();
        apns.failNext(bob, RejectionReason.TOO_MANY_REQUESTS, RejectionReason.SERVICE_UNAVAILABLE);
        giveDevices("u-bob", apnsDevice("d-b", bob));

        send(
                message("m-7", "c-5", "u-alice", "again"),
                conversation("c-5", "Retry"),
                List.of(user("u-alice"), user("u-bob")),
                "e-7");

        assertThat(apns.attempts(bob)).isEqualTo(3);
        assertThat(acceptedFor(bob)).hasSize(1);
    }

    @Test
    void failuresPastTheRetryLimitFailTheCallAndARetryOfTheCallSendsOnlyWhatFailed() throws Exception {
        startHook(Map.of("retry.max-attempts", "2"));
        String bob = registeredToken();
        String carol = registeredToken();
        apns.failNext(carol, RejectionReason.SERVICE_UNAVAILABLE, RejectionReason.SERVICE_UNAVAILABLE);
        giveDevices("u-bob", apnsDevice("d-b", bob));
        giveDevices("u-carol", apnsDevice("d-c", carol));
        List<User> participants = List.of(user("u-alice"), user("u-bob"), user("u-carol"));

        assertThatThrownBy(() ->
                        send(message("m-8", "c-6", "u-alice", "x"), conversation("c-6", "T"), participants, "e-8"))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(PushDeliveryException.class)
                .hasMessageContaining("1 of 2 notifications of event e-8 failed")
                .hasMessageContaining("503 ServiceUnavailable");
        assertThat(apns.attempts(carol)).isEqualTo(2);
        assertThat(context.count("push_notifications_failed", "platform", "apns"))
                .isEqualTo(1);
        assertThat(context.count("push_notifications_sent", "platform", "apns")).isEqualTo(1);

        send(message("m-8", "c-6", "u-alice", "x"), conversation("c-6", "T"), participants, "e-8");

        assertThat(apns.attempts(bob)).isEqualTo(1);
        assertThat(apns.attempts(carol)).isEqualTo(3);
        assertThat(acceptedFor(bob, carol)).hasSize(2);
    }

    @Test
    void longBodiesAreCutToFitTheFourKilobytePayload() throws Exception {
        startHook(Map.of());
        String bob = registeredToken();
        giveDevices("u-bob", apnsDevice("d-b", bob));
        String longBody = "\uD83D\uDE00 é".repeat(2000);

        send(
                message("m-9", "c-7", "u-alice", longBody),
                conversation("c-7", "Long"),
                List.of(user("u-alice"), user("u-bob")),
                "e-9");

        ApnsPushNotification accepted = acceptedFor(bob).get(0);
        assertThat(accepted.getPayload().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(4096)
                .isGreaterThan(4000);
        @SuppressWarnings("unchecked")
        String body = (String) ((Map<String, Object>) aps(accepted).get("alert")).get("body");
        assertThat(body).startsWith("alice: \uD83D\uDE00 é").endsWith("\u2026");
        assertThat(("alice: " + longBody)).startsWith(body.substring(0, body.length() - 1));
    }

    @Test
    void aTenThousandMemberConversationIsNotifiedInFull() throws Exception {
        startHook(Map.of());
        List<User> participants = Chat.users(10_000);
        List<String> tokens = new java.util.ArrayList<>();
        for (User user : participants) {
            String token = registeredToken();
            tokens.add(token);
            giveDevices(user.id(), apnsDevice("d-" + user.id(), token));
        }
        int before = apns.acceptedCount();

        send(message("m-10", "c-big", "u-0", "everyone"), conversation("c-big", "Everyone"), participants, "e-10");

        assertThat(apns.acceptedCount() - before).isEqualTo(9_999);
        assertThat(apns.attempts(tokens.get(0))).isZero();
        assertThat(tokens.subList(1, tokens.size())).allMatch(token -> apns.attempts(token) == 1);
    }

    @Test
    void theCallsStageIsAsynchronous() throws Exception {
        startHook(Map.of());
        String bob = registeredToken();
        giveDevices("u-bob", apnsDevice("d-b", bob));
        CompletableFuture<Void> stage = hook.afterMessageSent(
                        message("m-11", "c-8", "u-alice", "x"),
                        conversation("c-8", "T"),
                        List.of(user("u-alice"), user("u-bob")),
                        sent("e-11", "c-8", "u-alice"))
                .toCompletableFuture();
        stage.get(60, TimeUnit.SECONDS);
        assertThat(acceptedFor(bob)).hasSize(1);
    }
}
