package dev.chathooks.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chathooks.api.HookKind;
import dev.chathooks.api.PermanentHookFailureException;
import dev.chathooks.examples.webhook.testing.Calls;
import dev.chathooks.examples.webhook.testing.DispatcherLike;
import dev.chathooks.examples.webhook.testing.DispatcherLike.Outcome;
import dev.chathooks.examples.webhook.testing.NodeReceiver;
import dev.chathooks.examples.webhook.testing.Signatures;
import dev.chathooks.testkit.InMemoryHookContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code node/receiver.js}, built only on npm's {@code cloudevents} and {@code standardwebhooks}, reads and verifies
 * what the hook sends. Its packages are installed by the test ({@code npm ci}); skipped where npm or its registry
 * cannot be reached ({@code ReferenceReceiverTest} checks the same with the Java reference libraries everywhere).
 */
class NodeReceiverTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void install() {
        String failure = NodeReceiver.install();
        assumeTrue(
                failure == null,
                () -> "the Node receiver's packages cannot be installed, so its test is skipped: " + failure);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private WebhookHook hook(String url, String secret) {
        WebhookHook hook = new WebhookHook();
        hook.start(new InMemoryHookContext("node", Map.of("url", url, "secret", secret)));
        toClose.add(hook::close);
        return hook;
    }

    @Test
    void theNodeSdksReadAndVerifyARequestOfEveryKind() throws Exception {
        String secret = Signatures.newSecret();
        NodeReceiver node = NodeReceiver.start(secret);
        toClose.add(node);
        WebhookHook hook = hook(node.url().toString(), secret);

        for (HookKind kind : HookKind.values()) {
            Calls.call(hook, kind, "e-" + kind.ordinal(), "c-1")
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        }

        for (HookKind kind : HookKind.values()) {
            assertThat(node.nextLine()).isEqualTo(kind.seedName() + " e-" + kind.ordinal() + " in c-1");
        }
        assertThat(node.awaitReport("receiver: 9 requests"))
                .isEqualTo("receiver: 9 requests, 9 verified by "
                        + "standardwebhooks, 9 read by the CloudEvents SDK, 0 refused, 9 distinct webhook-ids");
    }

    @Test
    void aRequestSignedWithAnotherSecretIsRefusedAndDeadLettered() throws Exception {
        NodeReceiver node = NodeReceiver.start(Signatures.newSecret());
        toClose.add(node);
        WebhookHook hook = hook(node.url().toString(), Signatures.newSecret());

        Outcome outcome = new DispatcherLike(5)
                .submit("c-1", () -> Calls.messageSent(hook, "e-1", "c-1", "hi"))
                .get(30, TimeUnit.SECONDS);

        assertThat(outcome.failure())
                .isInstanceOf(PermanentHookFailureException.class)
                .hasMessageContaining("HTTP 401");
    }
}
