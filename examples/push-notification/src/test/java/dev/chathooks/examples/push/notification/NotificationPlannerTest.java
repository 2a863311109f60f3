package dev.chathooks.examples.push.notification;

import static dev.chathooks.examples.push.Chat.apnsDevice;
import static dev.chathooks.examples.push.Chat.conversation;
import static dev.chathooks.examples.push.Chat.devices;
import static dev.chathooks.examples.push.Chat.fcmDevice;
import static dev.chathooks.examples.push.Chat.message;
import static dev.chathooks.examples.push.Chat.sent;
import static dev.chathooks.examples.push.Chat.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.api.ChatObject;
import dev.chathooks.api.LookupTable;
import dev.chathooks.api.User;
import dev.chathooks.examples.push.Chat;
import dev.chathooks.examples.push.devices.DeviceDirectory;
import dev.chathooks.examples.push.devices.Platform;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationPlannerTest {
    private final Map<String, ChatObject> table = new HashMap<>();
    private final NotificationPlanner planner = new NotificationPlanner(new DeviceDirectory(new LookupTable() {
        @Override
        public String topic() {
            return "chat.devices";
        }

        @Override
        public Optional<ChatObject> get(String key) {
            return Optional.ofNullable(table.get(key));
        }
    }));

    private void give(String userId, Map<String, Object> devices) {
        table.put(userId, ChatObject.of(devices));
    }

    private Plan plan(
            dev.chathooks.api.Message message, dev.chathooks.api.Conversation conversation, User... participants) {
        return planner.plan(message, conversation, List.of(participants), sent("e-1", conversation.id(), null));
    }

    @Test
    void oneNotificationPerDeviceOfEveryParticipantButTheSender() {
        give("u-alice", devices(apnsDevice("d-a", "ta")));
        give("u-bob", devices(apnsDevice("d-b1", "tb1"), fcmDevice("d-b2", "tb2")));
        give("u-carol", devices(fcmDevice("d-c", "tc")));

        Plan plan = plan(
                message("m-1", "c-1", "u-alice", "hi"),
                conversation("c-1", "Team"),
                user("u-alice"),
                user("u-bob"),
                user("u-carol"));

        assertThat(plan.notifications())
                .extracting(Notification::userId, Notification::deviceId, Notification::platform, Notification::token)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("u-bob", "d-b1", Platform.APNS, "tb1"),
                        org.assertj.core.groups.Tuple.tuple("u-bob", "d-b2", Platform.FCM, "tb2"),
                        org.assertj.core.groups.Tuple.tuple("u-carol", "d-c", Platform.FCM, "tc"));
        assertThat(plan.notifications()).allSatisfy(n -> {
            assertThat(n.title()).isEqualTo("Team");
            assertThat(n.body()).isEqualTo("alice: hi");
            assertThat(n.threadId()).isEqualTo("c-1");
            assertThat(n.collapseId()).isEqualTo("m-1");
            assertThat(n.eventId()).isEqualTo("e-1");
        });
        assertThat(plan.skippedSender()).isEqualTo(1);
    }

    @Test
    void theActorIsTheSenderWhenTheMessageNamesNone() {
        give("u-alice", devices(apnsDevice("d-a", "ta")));
        give("u-bob", devices(apnsDevice("d-b", "tb")));
        Plan plan = planner.plan(
                dev.chathooks.api.Message.of(Map.of("id", "m-1", "body", "x")),
                conversation("c-1", "T"),
                List.of(user("u-alice"), user("u-bob")),
                sent("e-1", "c-1", "u-alice"));

        assertThat(plan.notifications()).extracting(Notification::userId).containsExactly("u-bob");
        assertThat(plan.notifications().get(0).body()).isEqualTo("alice: x");
    }

    @Test
    void pushDisabledAndMutedUsersGetNothing() {
        give("u-bob", devices(apnsDevice("d-b", "tb")));
        give("u-carol", devices(apnsDevice("d-c", "tc")));
        give("u-dave", devices(apnsDevice("d-d", "td")));

        Plan plan = plan(
                message("m-1", "c-1", "u-alice", "hi"),
                conversation("c-1", "T", "u-dave"),
                user("u-alice"),
                user("u-bob"),
                user("u-carol", false),
                user("u-dave"));

        assertThat(plan.notifications()).extracting(Notification::userId).containsExactly("u-bob");
        assertThat(plan.skippedPushDisabled()).isEqualTo(1);
        assertThat(plan.skippedMuted()).isEqualTo(1);
    }

    @Test
    void aMessageWithPushFalseGivesNothing() {
        give("u-bob", devices(apnsDevice("d-b", "tb")));
        Plan plan = plan(
                Chat.withFields(message("m-1", "c-1", "u-alice", "hi"), Map.of("push", false)),
                conversation("c-1", "T"),
                user("u-alice"),
                user("u-bob"));

        assertThat(plan.notifications()).isEmpty();
        assertThat(plan.reason()).contains("push false");
    }

    @Test
    void anAttachmentWithoutBodySaysAFileWasSentAndNeitherGivesNothing() {
        give("u-bob", devices(apnsDevice("d-b", "tb")));
        Plan file = plan(
                Chat.withFields(message("m-1", "c-1", "u-alice", null), Map.of("attachment", Map.of("name", "x.png"))),
                conversation("c-1", "T"),
                user("u-alice"),
                user("u-bob"));
        Plan empty =
                plan(message("m-2", "c-1", "u-alice", "  "), conversation("c-1", "T"), user("u-alice"), user("u-bob"));

        assertThat(file.notifications()).extracting(Notification::body).containsExactly("alice sent you a file.");
        assertThat(empty.notifications()).isEmpty();
        assertThat(empty.reason()).contains("neither body nor attachment");
    }

    @Test
    void theSendersNameFallsBackToDisplayNameThenId() {
        give("u-bob", devices(apnsDevice("d-b", "tb")));
        Plan named = plan(
                message("m-1", "c-1", "u-alice", "hi"),
                conversation("c-1", "T"),
                User.of(Map.of("id", "u-alice", "name", "Alice A.")),
                user("u-bob"));
        Plan unknown = plan(message("m-2", "c-1", "u-zed", "hi"), conversation("c-1", "T"), user("u-bob"));

        assertThat(named.notifications().get(0).body()).isEqualTo("Alice A.: hi");
        assertThat(unknown.notifications().get(0).body()).isEqualTo("u-zed: hi");
    }

    @Test
    void aConversationWithoutTitleGivesNoTitle() {
        give("u-bob", devices(apnsDevice("d-b", "tb")));
        Plan plan =
                plan(message("m-1", "c-1", "u-alice", "hi"), conversation("c-1", null), user("u-alice"), user("u-bob"));

        assertThat(plan.notifications().get(0).title()).isNull();
    }

    @Test
    void unusableDeviceRecordsAndRepeatedTokensAreLeftOut() {
        give(
                "u-bob",
                devices(
                        apnsDevice("d-b", "tb"),
                        Map.of("platform", "apns", "token", "no-id"),
                        Map.of("id", "d-web", "platform", "webpush", "token", "tw"),
                        Map.of("id", "d-blank", "platform", "fcm", "token", " "),
                        apnsDevice("d-b-again", "tb")));
        give("u-carol", devices(apnsDevice("d-c", "tb")));
        give("u-dave", Map.of("devices", "not a list"));

        Plan plan = plan(
                message("m-1", "c-1", "u-alice", "hi"),
                conversation("c-1", "T"),
                user("u-alice"),
                user("u-bob"),
                user("u-carol"),
                user("u-dave"),
                user("u-erin"));

        assertThat(plan.notifications()).extracting(Notification::deviceId).containsExactly("d-b");
        assertThat(plan.withoutDevices()).isEqualTo(2);
    }

    @Test
    void longTextIsCutToFitEachPlatformWithAnEllipsisBetweenCharacters() {
        give("u-bob", devices(apnsDevice("d-b1", "tb1"), fcmDevice("d-b2", "tb2")));
        String body = "\uD83D\uDE80".repeat(3000);

        Plan plan = plan(
                message("m-1", "c-1", "u-alice", body), conversation("c-1", "Rockets"), user("u-alice"), user("u-bob"));

        Notification apns = plan.notifications().get(0);
        Notification fcm = plan.notifications().get(1);
        assertThat(ApnsPayload.json(apns).getBytes(StandardCharsets.UTF_8).length)
                .isBetween(4000, 4096);
        assertThat(FcmPayload.size(
                        fcm.title(),
                        fcm.body(),
                        fcm.collapseId(),
                        fcm.threadId(),
                        fcm.conversationId(),
                        fcm.messageId()))
                .isBetween(4000, 4096);
        for (Notification n : List.of(apns, fcm)) {
            assertThat(n.body()).endsWith("\u2026").startsWith("alice: \uD83D\uDE80");
            String kept = n.body().substring(0, n.body().length() - 1);
            assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1)))
                    .isFalse();
            assertThat(("alice: " + body)).startsWith(kept);
        }
    }

    @Test
    void aTitleThatLeavesNoRoomIsCutToHalfTheRoom() {
        give("u-bob", devices(apnsDevice("d-b", "tb")));
        Plan plan = plan(
                message("m-1", "c-1", "u-alice", "hi"),
                conversation("c-1", "T".repeat(10_000)),
                user("u-alice"),
                user("u-bob"));

        Notification n = plan.notifications().get(0);
        assertThat(n.title()).endsWith("\u2026").hasSizeLessThan(2100);
        assertThat(n.body()).isEqualTo("alice: hi");
        assertThat(ApnsPayload.json(n).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
    }

    @Test
    void aLongMessageIdGivesAHashedCollapseIdThatApnsAccepts() {
        give("u-bob", devices(apnsDevice("d-b", "tb")));
        Plan plan = plan(
                message("m-" + "x".repeat(100), "c-1", "u-alice", "hi"),
                conversation("c-1", "T"),
                user("u-alice"),
                user("u-bob"));

        assertThat(plan.notifications().get(0).collapseId()).hasSize(64).matches("[0-9a-f]+");
    }
}
