package dev.chathooks.examples.push;

import static dev.chathooks.examples.push.Chat.apnsDevice;
import static dev.chathooks.examples.push.Chat.conversation;
import static dev.chathooks.examples.push.Chat.devices;
import static dev.chathooks.examples.push.Chat.fcmDevice;
import static dev.chathooks.examples.push.Chat.message;
import static dev.chathooks.examples.push.Chat.sent;
import static dev.chathooks.examples.push.Chat.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.User;
import dev.chathooks.testkit.InMemoryHookContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dry-run writes exactly the notifications the rules give, one JSON line each, and sends nothing. */
class DryRunTest {
    @TempDir
    Path folder;

    @Test
    void writesOneLinePerNotificationWithExactlyTheDocumentedFields() throws Exception {
        Path out = folder.resolve("push.jsonl");
        Files.writeString(out, "left over from an earlier run\n");
        InMemoryHookContext context = new InMemoryHookContext("push", Map.of("dry-run-file", out.toString()));
        context.table("chat.devices").put("u-alice", devices(apnsDevice("d-a", "ta")));
        context.table("chat.devices").put("u-bob", devices(apnsDevice("d-b1", "tb1"), fcmDevice("d-b2", "tb2")));
        context.table("chat.devices").put("u-carol", devices(fcmDevice("d-c", "tc")));
        context.table("chat.devices").put("u-dave", devices(fcmDevice("d-d", "td")));
        List<User> participants = List.of(user("u-alice"), user("u-bob"), user("u-carol", false), user("u-dave"));
        Conversation conversation = conversation("c-1", "Team", "u-dave");
        PushHook hook = new PushHook();
        hook.start(context);
        try {
            hook.afterMessageSent(
                            message("m-1", "c-1", "u-alice", "hi"),
                            conversation,
                            participants,
                            sent("e-1", "c-1", "u-alice"))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            hook.afterMessageSent(
                            Chat.withFields(
                                    message("m-2", "c-1", "u-bob", null),
                                    Map.of("attachment", Map.of("name", "a.pdf"))),
                            conversation,
                            participants,
                            sent("e-2", "c-1", "u-bob"))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            hook.afterMessageSent(
                            Chat.withFields(message("m-3", "c-1", "u-alice", "psst"), Map.of("push", false)),
                            conversation,
                            participants,
                            sent("e-3", "c-1", "u-alice"))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } finally {
            hook.close();
        }

        ObjectMapper json = new ObjectMapper();
        List<Object> lines = Files.readAllLines(out).stream()
                .map(line -> {
                    try {
                        return json.readValue(line, Object.class);
                    } catch (Exception e) {
                        throw new AssertionError("not a JSON line: " + line, e);
                    }
                })
                .toList();
        assertThat(lines)
                .containsExactly(
                        line("apns", "tb1", "u-bob", "alice: hi", "m-1"),
                        line("fcm", "tb2", "u-bob", "alice: hi", "m-1"),
                        line("apns", "ta", "u-alice", "bob sent you a file.", "m-2"));
        assertThat(context.writer("chat-hooks.push-feedback").records()).isEmpty();
    }

    private static Map<String, Object> line(
            String platform, String token, String userId, String body, String collapseId) {
        return Map.of(
                "platform",
                platform,
                "token",
                token,
                "user_id",
                userId,
                "conversation_id",
                "c-1",
                "title",
                "Team",
                "body",
                body,
                "thread_id",
                "c-1",
                "collapse_id",
                collapseId);
    }
}
