package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push hook's plugin folder replayed over the example dump in dry-run writes exactly the notifications its
 * rules give: every participant but the sender, on each device; muted users, push-disabled users and messages
 * with push off skipped; "sent you a file." for an attachment without body.
 */
class PushDryRunReplayTest {
    static final Path PUSH_PLUGIN = ReplayCommandTest.REPO.resolve("examples/push-notification/target/plugin");

    @TempDir
    Path dir;

    @Test
    void aReplayInDryRunWritesExactlyTheNotificationsTheRulesGive() throws IOException {
        Path notifications = dir.resolve("notifications.jsonl");
        StringWriter err = new StringWriter();

        int exit = ChatHooksCommand.execute(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                "replay",
                "--input",
                ReplayCommandTest.DUMP.toString(),
                "--plugins",
                PUSH_PLUGIN.toString(),
                "--set",
                "hook.push.mode=dry-run",
                "--set",
                "hook.push.dry-run-file=" + notifications);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readAllLines(notifications))
                .containsExactly(
                        // m-1 from alice: bob on both his devices; carol muted the conversation
                        line("apns", "a1b2c3", "u-bob", "alice: Who is in for Saturday?", "m-1"),
                        line("fcm", "fcm-bob-1", "u-bob", "alice: Who is in for Saturday?", "m-1"),
                        // m-2 and m-3 from bob: alice; carol still muted
                        line("apns", "apns-alice-1", "u-alice", "bob: Me! Bringing snacks.", "m-2"),
                        line("apns", "apns-alice-1", "u-alice", "bob sent you a file.", "m-3"),
                        // m-4 from dave has push false: nothing. m-5 from alice: bob; dave has push disabled
                        line("apns", "a1b2c3", "u-bob", "alice: See you all at 8!", "m-5"),
                        line("fcm", "fcm-bob-1", "u-bob", "alice: See you all at 8!", "m-5"));
    }

    private static String line(String platform, String token, String user, String body, String message) {
        return "{\"platform\":\"" + platform + "\",\"token\":\"" + token + "\",\"user_id\":\"" + user
                + "\",\"conversation_id\":\"c-1\",\"title\":\"Weekend hike\",\"body\":\"" + body
                + "\",\"thread_id\":\"c-1\",\"collapse_id\":\"" + message + "\"}";
    }
}
