package dev.chathooks.examples.push;

import static dev.chathooks.examples.push.Chat.conversation;
import static dev.chathooks.examples.push.Chat.devices;
import static dev.chathooks.examples.push.Chat.fcmDevice;
import static dev.chathooks.examples.push.Chat.message;
import static dev.chathooks.examples.push.Chat.sent;
import static dev.chathooks.examples.push.Chat.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.User;
import dev.chathooks.mockservers.MockFcmServer;
import dev.chathooks.mockservers.MockFcmServer.ScriptedFailure;
import dev.chathooks.testkit.ChatTraffic;
import dev.chathooks.testkit.HookRun;
import dev.chathooks.testkit.HookTester;
import dev.chathooks.testkit.InMemoryHookContext;
import dev.chathooks.testkit.WrittenRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push hook against a local endpoint speaking FCM v1, reached by the Firebase Admin SDK through its HTTP
 * transport, with a service-account key file whose token endpoint is the local one.
 */
class PushHookFcmTest {
    private static final AtomicLong TOKENS = new AtomicLong(1);

    @TempDir
    static Path folder;

    static MockFcmServer fcm;
    static Path serviceAccount;

    InMemoryHookContext context;
    PushHook hook;

    @BeforeAll
    static void startServer() throws Exception {
        fcm = MockFcmServer.start("chat-hooks-test", 8, true);
        serviceAccount = fcm.writeServiceAccount(folder.resolve("service-account.json"));
    }

    @AfterAll
    static void stopServer() {
        fcm.close();
    }

    @AfterEach
    void closeHook() {
        if (hook != null) {
            hook.close();
        }
    }

    private void startHook(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(fcm.hookSettings(serviceAccount));
        settings.put("mode", "send");
        settings.put("retry.initial-backoff", "10ms");
        settings.put("retry.max-backoff", "50ms");
        settings.putAll(extra);
        context = new InMemoryHookContext("push", settings);
        hook = new PushHook();
        hook.start(context);
    }

    private static String token() {
        return "fcm-token-" + TOKENS.getAndIncrement();
    }

    private void giveDevices(String userId, Map<?, ?>... userDevices) {
        context.table("chat.devices").put(userId, devices(userDevices));
    }

    private List<Map<String, Object>> acceptedFor(String... tokens) {
        List<String> wanted = List.of(tokens);
        return fcm.accepted().stream()
                .filter(message -> wanted.contains(message.get("token")))
                .toList();
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
    void notifiesEveryDeviceOfEveryParticipantButTheSenderWithAndroidSettings() throws Exception {
        startHook(Map.of());
        String alice = token();
        String bobPhone = token();
        String bobTablet = token();
        giveDevices("u-alice", fcmDevice("d-a", alice));
        giveDevices("u-bob", fcmDevice("d-b1", bobPhone), fcmDevice("d-b2", bobTablet));

        send(
                message("m-1", "c-1", "u-alice", "hi"),
                conversation("c-1", "Team"),
                List.of(user("u-alice"), user("u-bob")),
                "e-1");

        assertThat(acceptedFor(alice)).isEmpty();
        List<Map<String, Object>> accepted = acceptedFor(bobPhone, bobTablet);
        assertThat(accepted).extracting(m -> m.get("token")).containsExactlyInAnyOrder(bobPhone, bobTablet);
        for (Map<String, Object> message : accepted) {
            assertThat(message.get("notification")).isEqualTo(Map.of("title", "Team", "body", "alice: hi"));
            assertThat(message.get("android"))
                    .isEqualTo(Map.of("priority", "high", "notification", Map.of("tag", "m-1")));
            assertThat(message.get("data"))
                    .isEqualTo(Map.of("conversation_id", "c-1", "message_id", "m-1", "thread_id", "c-1"));
        }
    }

    @Test
    void skipsMutedAndPushDisabledUsersAndMessagesWithPushFalse() throws Exception {
        startHook(Map.of());
        String bob = token();
        String carol = token();
        String dave = token();
        giveDevices("u-bob", fcmDevice("d-b", bob));
        giveDevices("u-carol", fcmDevice("d-c", carol));
        giveDevices("u-dave", fcmDevice("d-d", dave));
        List<User> participants = List.of(user("u-alice"), user("u-bob"), user("u-carol", false), user("u-dave"));
        Conversation conversation = conversation("c-2", "Muted", "u-dave");

        send(message("m-2", "c-2", "u-alice", "hello"), conversation, participants, "e-2");
        send(
                Chat.withFields(message("m-3", "c-2", "u-alice", "quiet"), Map.of("push", false)),
                conversation,
                participants,
                "e-3");

        assertThat(acceptedFor(bob, carol, dave))
                .extracting(m -> m.get("token"))
                .containsExactly(bob);
        assertThat(fcm.attempts(carol)).isZero();
        assertThat(fcm.attempts(dave)).isZero();
    }

    @Test
    void anAttachmentWithoutBodySaysAFileWasSent() throws Exception {
        startHook(Map.of());
        String bob = token();
        giveDevices("u-bob", fcmDevice("d-b", bob));

        send(
                Chat.withFields(message("m-4", "c-3", "u-alice", ""), Map.of("attachment", Map.of("name", "a.pdf"))),
                conversation("c-3", "Docs"),
                List.of(user("u-alice"), user("u-bob")),
                "e-4");

        assertThat(acceptedFor(bob).get(0).get("notification"))
                .isEqualTo(Map.of("title", "Docs", "body", "alice sent you a file."));
    }

    @Test
    void rejectedTokensAreReportedAndNeverUsedAgain() throws Exception {
        String good = token();
        String unregistered = token();
        String mismatched = token();
        fcm.unregister(unregistered);
        fcm.mismatchSender(mismatched);

        HookTester tester = HookTester.of(new PushHook())
                .config("mode", "send")
                .config("retry.initial-backoff", "10ms")
                .config("retry.max-backoff", "50ms");
        fcm.hookSettings(serviceAccount).forEach(tester::config);
        HookRun run = tester.run(ChatTraffic.create()
                .user("alice")
                .user("bob")
                .user("carol")
                .device("bob", fcmDevice("d-good", good))
                .device("bob", fcmDevice("d-gone", unregistered))
                .device("carol", fcmDevice("d-other", mismatched))
                .conversationCreated("c-4", "Team", "alice", "bob", "carol")
                .messageSent("alice", "c-4", "one")
                .messageSent("alice", "c-4", "two"));

        List<WrittenRecord> reports = run.written("chat-hooks.push-feedback");
        assertThat(reports)
                .extracting(record -> record.value().get("reason"))
                .containsExactlyInAnyOrder("UNREGISTERED", "SENDER_ID_MISMATCH");
        assertThat(reports)
                .filteredOn(r -> "UNREGISTERED".equals(r.value().get("reason")))
                .singleElement()
                .satisfies(r -> assertThat(r.value())
                        .containsEntry("user_id", "u-bob")
                        .containsEntry("device_id", "d-gone")
                        .containsEntry("platform", "fcm")
                        .containsEntry("token", unregistered));
        assertThat(fcm.attempts(unregistered)).isEqualTo(1);
        assertThat(fcm.attempts(mismatched)).isEqualTo(1);
        assertThat(fcm.attempts(good)).isEqualTo(2);
    }

    @Test
    void quotaExceededAndServerErrorsAreRetried() throws Exception {
        startHook(Map.of());
        String bob = token();
        fcm.failNext(bob, new ScriptedFailure(429, "QUOTA_EXCEEDED", 0), new ScriptedFailure(500, "INTERNAL", -1));
        giveDevices("u-bob", fcmDevice("d-b", bob));

        send(
                message("m-7", "c-5", "u-alice", "again"),
                conversation("c-5", "Retry"),
                List.of(user("u-alice"), user("u-bob")),
                "e-7");

        assertThat(fcm.attempts(bob)).isEqualTo(3);
        assertThat(acceptedFor(bob)).hasSize(1);
    }

    @Test
    void unavailableIsRetriedHonouringRetryAfter() throws Exception {
        startHook(Map.of());
        String bob = token();
        fcm.failNext(bob, new ScriptedFailure(503, "UNAVAILABLE", 1));
        giveDevices("u-bob", fcmDevice("d-b", bob));

        send(
                message("m-8", "c-6", "u-alice", "later"),
                conversation("c-6", "Retry"),
                List.of(user("u-alice"), user("u-bob")),
                "e-8");

        assertThat(fcm.attempts(bob)).isEqualTo(2);
        assertThat(acceptedFor(bob)).hasSize(1);
    }

    @Test
    void failuresPastTheRetryLimitFailTheCall() throws Exception {
        startHook(Map.of("retry.max-attempts", "2"));
        String bob = token();
        fcm.failNext(
                bob, new ScriptedFailure(429, "QUOTA_EXCEEDED", -1), new ScriptedFailure(429, "QUOTA_EXCEEDED", -1));
        giveDevices("u-bob", fcmDevice("d-b", bob));

        assertThatThrownBy(() -> send(
                        message("m-9", "c-7", "u-alice", "x"),
                        conversation("c-7", "T"),
                        List.of(user("u-alice"), user("u-bob")),
                        "e-9"))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(PushDeliveryException.class)
                .hasMessageContaining("fcm 429 QUOTA_EXCEEDED");
        assertThat(fcm.attempts(bob)).isEqualTo(2);
    }

    @Test
    void longBodiesAreCutToFitTheFourKilobyteMessage() throws Exception {
        startHook(Map.of());
        String bob = token();
        giveDevices("u-bob", fcmDevice("d-b", bob));
        String longBody = "\uD83D\uDC4B abc ".repeat(1500);

        send(
                message("m-10", "c-8", "u-alice", longBody),
                conversation("c-8", "Long"),
                List.of(user("u-alice"), user("u-bob")),
                "e-10");

        Map<String, Object> accepted = new HashMap<>(acceptedFor(bob).get(0));
        accepted.remove("token");
        assertThat(new ObjectMapper().writeValueAsBytes(accepted).length)
                .isLessThanOrEqualTo(4096)
                .isGreaterThan(3900);
        @SuppressWarnings("unchecked")
        String body = ((Map<String, String>) accepted.get("notification")).get("body");
        assertThat(body).startsWith("alice: \uD83D\uDC4B abc").endsWith("\u2026");
    }

    @Test
    void aTenThousandMemberConversationIsNotifiedInFull() throws Exception {
        startHook(Map.of());
        List<User> participants = Chat.users(10_000);
        List<String> tokens = new ArrayList<>();
        for (User user : participants) {
            String token = token();
            tokens.add(token);
            giveDevices(user.id(), fcmDevice("d-" + user.id(), token));
        }
        int before = fcm.acceptedCount();

        send(message("m-11", "c-big", "u-0", "everyone"), conversation("c-big", "Everyone"), participants, "e-11");

        assertThat(fcm.acceptedCount() - before).isEqualTo(9_999);
        assertThat(fcm.attempts(tokens.get(0))).isZero();
    }
}
