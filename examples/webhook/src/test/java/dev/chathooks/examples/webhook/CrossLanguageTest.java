package dev.chathooks.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.PermanentHookFailureException;
import dev.chathooks.examples.webhook.signing.WebhookSigner;
import dev.chathooks.examples.webhook.testing.Calls;
import dev.chathooks.examples.webhook.testing.DispatcherLike;
import dev.chathooks.examples.webhook.testing.DispatcherLike.Outcome;
import dev.chathooks.examples.webhook.testing.PythonProcess;
import dev.chathooks.examples.webhook.testing.Signatures;
import dev.chathooks.testkit.InMemoryHookContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java side signs, the Python side ({@code python/chat_hooks.py}, run with {@code python3}) verifies and calls
 * the decorated functions. Skipped where {@code python3} cannot be run; CI has it.
 */
class CrossLanguageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RECEIVER = Path.of("src/test/python/recording_receiver.py");

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void needsPython() {
        assumeTrue(
                PythonProcess.available(),
                "python3 cannot be run here: the cross-language tests are skipped "
                        + "(install Python 3.9 or later to run them)");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private PythonProcess serve(Path script, String secret) throws Exception {
        PythonProcess python = PythonProcess.serve(script, secret);
        toClose.add(python);
        return python;
    }

    private WebhookHook hook(String url, String secret) {
        WebhookHook hook = new WebhookHook();
        hook.start(new InMemoryHookContext("python", Map.of("url", url, "secret", secret)));
        toClose.add(hook::close);
        return hook;
    }

    @Test
    void pythonVerifiesWhatJavaSignsAndCallsTheFunctionsOfEveryKindWithTheSeedsArguments() throws Exception {
        String oldSecret = Signatures.newSecret();
        String newSecret = Signatures.newSecret();
        // Mid-rotation: the hook signs with both, the receiver knows only the new one.
        PythonProcess python = serve(RECEIVER, newSecret);
        WebhookHook hook = hook(python.url().toString(), oldSecret + "," + newSecret);

        for (HookKind kind : HookKind.values()) {
            Calls.call(hook, kind, "e-" + kind.ordinal(), "c-1")
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        }

        for (HookKind kind : HookKind.values()) {
            JsonNode call = JSON.readTree(python.nextLine());
            assertThat(call.get("kind").asText()).isEqualTo(kind.seedName());
            assertThat(call.get("event_id").asText()).isEqualTo("e-" + kind.ordinal());
            assertThat(call.get("actor").asText()).isEqualTo("u-alice");
            JsonNode arguments = call.get("arguments");
            assertThat(arguments.at("/conversation/title").asText()).isEqualTo("Team c-1");
            assertThat(arguments.at("/participants/0/username").asText()).isEqualTo("alice");
            List<String> names = new ArrayList<>();
            arguments.fieldNames().forEachRemaining(names::add);
            switch (kind) {
                case AFTER_MESSAGE_SENT, AFTER_MESSAGE_UPDATED, AFTER_MESSAGE_DELETED -> {
                    assertThat(names).containsExactlyInAnyOrder("message", "conversation", "participants");
                    assertThat(arguments.at("/message/body").asText()).isEqualTo("hello e-" + kind.ordinal());
                }
                case TYPING_STARTED -> {
                    assertThat(names).containsExactlyInAnyOrder("conversation", "participants", "events");
                    assertThat(arguments.at("/events/0/event").asText()).isEqualTo("begin");
                }
                case AFTER_USERS_ADDED_TO_CONVERSATION -> {
                    assertThat(names).containsExactlyInAnyOrder("conversation", "participants", "new_users");
                    assertThat(arguments.at("/new_users/0/id").asText()).isEqualTo("u-carol");
                }
                case AFTER_USERS_REMOVED_FROM_CONVERSATION -> {
                    assertThat(names).containsExactlyInAnyOrder("conversation", "participants", "old_users");
                    assertThat(arguments.at("/old_users/0/id").asText()).isEqualTo("u-carol");
                }
                default -> assertThat(names).containsExactlyInAnyOrder("conversation", "participants");
            }
        }
    }

    @Test
    void aPythonReceiverWithAnotherSecretRefusesTheCallWhichIsDeadLettered() throws Exception {
        PythonProcess python = serve(RECEIVER, Signatures.newSecret());
        WebhookHook hook = hook(python.url().toString(), Signatures.newSecret());

        Outcome outcome = new DispatcherLike(5)
                .submit("c-1", () -> Calls.messageSent(hook, "e-1", "c-1", "hi"))
                .get(30, TimeUnit.SECONDS);

        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.failure())
                .isInstanceOf(PermanentHookFailureException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("no signature matches");
    }

    @Test
    void theSpecificationsExampleVerifiesInBothLanguages() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        long timestamp = 1614265330L;
        String body = "{\"test\": 2432232314}";
        String published = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

        String signedInJava = WebhookSigner.fromSecrets(List.of(secret))
                .signature(id, timestamp, body.getBytes(StandardCharsets.UTF_8));
        PythonProcess.Result python = PythonProcess.run(
                "-c",
                "import sys, chat_hooks\n"
                        + "headers = {'webhook-id': sys.argv[2], 'webhook-timestamp': sys.argv[3], "
                        + "'webhook-signature': sys.argv[5]}\n"
                        + "chat_hooks.verify(sys.argv[1], headers, sys.argv[4].encode(), now=int(sys.argv[3]))\n"
                        + "print('verified')",
                secret,
                id,
                Long.toString(timestamp),
                body,
                published);

        assertThat(signedInJava).isEqualTo(published);
        assertThat(python.output()).contains("verified");
        assertThat(python.exitCode()).isZero();
    }

    @Test
    void thePythonModulesOwnUnitTestsPass() throws Exception {
        PythonProcess.Result result = PythonProcess.run("-m", "unittest", "-v", "test_chat_hooks");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .containsPattern("test_the_specifications_example_verifies .*\\.\\.\\. ok")
                .endsWith("OK\n");
    }

    /**
     * {@code seed/after_message_sent.py} is the seed's first snippet verbatim but for its two import lines, with no
     * {@code serve()}: {@code python3 -m chat_hooks} serves it. As in Skygear, it fails on a message without a body,
     * which the processor then retries.
     */
    @Test
    void theSeedsFirstSnippetVerbatimButForItsImportsPrintsItsLineAndFailsOnAMessageWithoutBody() throws Exception {
        String secret = Signatures.newSecret();
        PythonProcess python = serveWithModule(PythonProcess.PYTHON_DIR.resolve("seed/after_message_sent.py"), secret);
        WebhookHook hook = hook(python.url().toString(), secret);

        Calls.messageSent(hook, "e-1", "c-1", "hi there").toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(python.nextLine()).isEqualTo("Message [hi there] is sent to conversation [Team c-1].");

        Outcome attachmentOnly = new DispatcherLike(1)
                .submit("c-1", () -> sendAttachmentOnly(hook))
                .get(30, TimeUnit.SECONDS);
        assertThat(attachmentOnly.failure()).hasMessageContaining("HTTP 500").hasMessageContaining("KeyError");
    }

    /** {@code seed/push_notification.py}: the seed's push example verbatim but for its six import lines. */
    @Test
    void theSeedsPushExampleVerbatimButForItsImportsPrintsTheNotificationForTheOthers() throws Exception {
        String secret = Signatures.newSecret();
        PythonProcess python = serveWithModule(PythonProcess.PYTHON_DIR.resolve("seed/push_notification.py"), secret);
        WebhookHook hook = hook(python.url().toString(), secret);

        Calls.messageSent(hook, "e-1", "c-1", "hi there").toCompletableFuture().get(30, TimeUnit.SECONDS);
        sendAttachmentOnly(hook).toCompletableFuture().get(30, TimeUnit.SECONDS);

        JsonNode printed = JSON.readTree(python.nextLine());
        assertThat(printed.get("user_ids").toString()).isEqualTo("[\"u-bob\"]");
        assertThat(printed.at("/notification/fcm/notification/title").asText()).isEqualTo("Team c-1");
        assertThat(printed.at("/notification/apns/aps/alert/body").asText()).isEqualTo("alice: hi there");
        assertThat(JSON.readTree(python.nextLine())
                        .at("/notification/fcm/notification/body")
                        .asText())
                .isEqualTo("alice sent you a file.");
    }

    /** The README's example: the seed's first snippet that also takes a message with only an attachment. */
    @Test
    void theReadmesExamplePrintsEveryMessageAttachmentsIncluded() throws Exception {
        String secret = Signatures.newSecret();
        PythonProcess python = serve(PythonProcess.PYTHON_DIR.resolve("example_hooks.py"), secret);
        WebhookHook hook = hook(python.url().toString(), secret);

        Calls.messageSent(hook, "e-1", "c-1", "hi there").toCompletableFuture().get(30, TimeUnit.SECONDS);
        sendAttachmentOnly(hook).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(python.nextLine()).isEqualTo("Message [hi there] is sent to conversation [Team c-1].");
        assertThat(python.nextLine()).isEqualTo("Message [(an attachment)] is sent to conversation [Team c-1].");
        assertThat(python.stderr()).noneMatch(line -> line.contains("Traceback"));
    }

    @Test
    void theModuleRefusesAFileThatDecoratesNoFunction() throws Exception {
        PythonProcess.Result result = PythonProcess.run("-m", "chat_hooks", "skygear_stand_ins.py");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("skygear_stand_ins.py decorated no function with one of the nine " + "decorators");
    }

    private PythonProcess serveWithModule(Path hooksFile, String secret) throws Exception {
        PythonProcess python = PythonProcess.serveWithModule(hooksFile, secret);
        toClose.add(python);
        return python;
    }

    private static java.util.concurrent.CompletionStage<Void> sendAttachmentOnly(WebhookHook hook) {
        Message photo = Message.of(Map.of(
                "id",
                "m-2",
                "conversation_id",
                "c-1",
                "sender_id",
                "u-alice",
                "attachment",
                Map.of("name", "photo.jpg", "content_type", "image/jpeg")));
        return hook.afterMessageSent(
                photo,
                Calls.conversation("c-1"),
                List.of(Calls.ALICE, Calls.BOB),
                Calls.event(HookKind.AFTER_MESSAGE_SENT, "e-2", "c-1"));
    }

    @Test
    void thePushExamplePrintsTheNotificationItWouldSendToTheOthers() throws Exception {
        String secret = Signatures.newSecret();
        PythonProcess python = serve(PythonProcess.PYTHON_DIR.resolve("push_hooks.py"), secret);
        WebhookHook hook = hook(python.url().toString(), secret);

        Calls.messageSent(hook, "e-1", "c-1", "hi there").toCompletableFuture().get(30, TimeUnit.SECONDS);

        JsonNode printed = JSON.readTree(python.nextLine());
        assertThat(printed.get("user_ids").toString()).isEqualTo("[\"u-bob\"]");
        assertThat(printed.at("/notification/fcm/notification/body").asText()).isEqualTo("alice: hi there");
    }

    @Test
    void thePushExampleNamesASenderWhoLeftBeforeTheMessageWasHandledByTheirId() throws Exception {
        String secret = Signatures.newSecret();
        PythonProcess python = serve(PythonProcess.PYTHON_DIR.resolve("push_hooks.py"), secret);
        WebhookHook hook = hook(python.url().toString(), secret);

        // Alice sent it, and is no longer among the participants when it is handled (the seed's code failed here).
        hook.afterMessageSent(
                        Calls.message("m-1", "c-1", "bye"),
                        Calls.conversation("c-1"),
                        List.of(Calls.BOB),
                        Calls.event(HookKind.AFTER_MESSAGE_SENT, "e-1", "c-1"))
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);

        JsonNode printed = JSON.readTree(python.nextLine());
        assertThat(printed.get("user_ids").toString()).isEqualTo("[\"u-bob\"]");
        assertThat(printed.at("/notification/fcm/notification/body").asText()).isEqualTo("u-alice: bye");
    }
}
