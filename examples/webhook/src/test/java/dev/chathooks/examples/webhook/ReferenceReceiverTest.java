package dev.chathooks.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.chathooks.api.HookKind;
import dev.chathooks.examples.webhook.testing.Calls;
import dev.chathooks.examples.webhook.testing.Signatures;
import dev.chathooks.mockservers.LocalEndpoint;
import dev.chathooks.mockservers.LocalEndpoint.Received;
import dev.chathooks.mockservers.LocalEndpoint.Reply;
import dev.chathooks.testkit.InMemoryHookContext;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.HttpMessageFactory;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The webhook's requests as a receiver built only on the reference libraries reads them: the CloudEvents Java SDK
 * (its HTTP binding, with the Jackson event format found on the class path as any application would find it)
 * parses a request of every kind, and the Standard Webhooks reference library verifies every signature.
 */
class ReferenceReceiverTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCloudEventsSdkReadsARequestOfEveryKindAndStandardWebhooksVerifiesItsSignatures() throws Exception {
        String oldSecret = Signatures.newSecret();
        String newSecret = Signatures.newSecret();
        List<Received> received = send(oldSecret + "," + newSecret);

        assertThat(received).hasSize(HookKind.values().length);
        for (Received request : received) {
            MessageReader reader = HttpMessageFactory.createReader(request.headers(), request.body());
            assertThat(reader.getEncoding()).isEqualTo(Encoding.STRUCTURED);
            CloudEvent event = reader.toEvent();
            JsonNode body = JSON.readTree(request.body());
            HookKind kind = HookKind.fromSeedName(event.getType()).orElseThrow();

            assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
            assertThat(event.getId()).isEqualTo("e-" + kind.ordinal());
            assertThat(event.getSource()).isEqualTo(URI.create("/chat-hooks"));
            assertThat(event.getSubject()).isEqualTo("c-1");
            assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2026-11-24T10:00:00.120Z"));
            assertThat(event.getDataContentType()).isEqualTo("application/json");
            assertThat(event.getExtension("actor")).isEqualTo("u-alice");
            assertThat(JSON.readTree(event.getData().toBytes())).isEqualTo(body.get("data"));

            // Either secret of a rotation verifies the request, as a receiver holding only one of them would.
            Map<String, List<String>> headers = multimap(request.headers());
            new Webhook(oldSecret).verify(request.text(), headers);
            new Webhook(newSecret).verify(request.text(), headers);
        }
    }

    @Test
    void standardWebhooksRejectsAChangedBodyAndAnotherSecret() throws Exception {
        String secret = Signatures.newSecret();
        Received request = send(secret).get(0);
        Map<String, List<String>> headers = multimap(request.headers());

        assertThatThrownBy(() -> new Webhook(secret).verify(request.text().replace("c-1", "c-2"), headers))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(Signatures.newSecret()).verify(request.text(), headers))
                .isInstanceOf(WebhookVerificationException.class);
    }

    /** One call of every kind through the hook to a local endpoint; the requests as they arrived. */
    private static List<Received> send(String secrets) throws Exception {
        try (LocalEndpoint endpoint = LocalEndpoint.start(request -> Reply.status(204))) {
            WebhookHook hook = new WebhookHook();
            hook.start(new InMemoryHookContext(
                    "webhook", Map.of("url", endpoint.url("/hooks").toString(), "secret", secrets)));
            try {
                for (HookKind kind : HookKind.values()) {
                    Calls.call(hook, kind, "e-" + kind.ordinal(), "c-1")
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS);
                }
            } finally {
                hook.close();
            }
            return endpoint.received();
        }
    }

    private static Map<String, List<String>> multimap(Map<String, String> headers) {
        Map<String, List<String>> multimap = new HashMap<>();
        headers.forEach((name, value) -> multimap.put(name, List.of(value)));
        return multimap;
    }
}
