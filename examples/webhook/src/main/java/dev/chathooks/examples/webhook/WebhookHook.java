package dev.chathooks.examples.webhook;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookContext;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import dev.chathooks.examples.webhook.config.WebhookConfig;
import dev.chathooks.examples.webhook.delivery.WebhookSender;
import dev.chathooks.examples.webhook.payload.CallData;
import dev.chathooks.examples.webhook.payload.CloudEventWriter;
import dev.chathooks.examples.webhook.signing.WebhookSigner;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The webhook hook ({@code webhook}): hooks in any language. Every call becomes an HTTP {@code POST} of a CloudEvents
 * 1.0 structured JSON document ({@link CloudEventWriter}) to {@code hook.<name>.url}, signed the Standard Webhooks
 * way ({@link WebhookSigner}); the configuration is {@link WebhookConfig}'s.
 *
 * <p>A call completes only when the endpoint answered 2xx, and the processor calls a conversation's next event only
 * then: the endpoint sees each conversation's calls one at a time, in order. Failures that may pass are retried by
 * the processor with the hook's backoff under the same {@code webhook-id}; those that cannot are dead-lettered at
 * once ({@link WebhookSender} says which are which). Calls of kinds left out by {@code hook.<name>.kinds} complete
 * without a request. Logs never hold payloads, secrets or signatures.
 */
public final class WebhookHook implements AsyncChatHook {
    private static final System.Logger LOG = System.getLogger(WebhookHook.class.getName());

    private final Clock clock = Clock.systemUTC();
    private String instanceName;
    private WebhookConfig config;
    private CloudEventWriter writer;
    private WebhookSender sender;

    /** The hook as the processor creates it. */
    public WebhookHook() {}

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void start(HookContext context) {
        // An instance of the hook (instances.<name>=webhook) is configured under its own name.
        instanceName = context.hookName();
        config = WebhookConfig.from(context.config());
        writer = new CloudEventWriter(config.participants());
        sender = new WebhookSender(
                config.url(),
                config.timeout(),
                config.maxInFlight(),
                config.signer(),
                clock,
                "webhook-" + instanceName);
        LOG.log(
                Level.INFO,
                "Webhook ''{0}'' posts {1} to {2}, signed with {3} secret(s), up to {4} requests in " + "flight",
                instanceName,
                config.kinds().size() == HookKind.values().length
                        ? "every kind"
                        : config.kinds().stream()
                                .map(HookKind::seedName)
                                .sorted()
                                .collect(Collectors.joining(", ")),
                sender.endpoint(),
                config.signer().secretCount(),
                config.maxInFlight());
    }

    private CompletionStage<Void> post(EventInfo event, CallData call) {
        if (!config.kinds().contains(event.kind())) {
            return CompletableFuture.completedFuture(null);
        }
        byte[] body = writer.write(event, call);
        String webhookId = WebhookSigner.webhookId(instanceName, event.kind(), event.id());
        return sender.send(webhookId, body, event.kind().seedName() + " of event " + event.id());
    }

    @Override
    public CompletionStage<Void> afterMessageSent(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        return post(event, new CallData(message, conversation, participants, null, null));
    }

    @Override
    public CompletionStage<Void> afterMessageUpdated(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        return post(event, new CallData(message, conversation, participants, null, null));
    }

    @Override
    public CompletionStage<Void> afterMessageDeleted(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        return post(event, new CallData(message, conversation, participants, null, null));
    }

    @Override
    public CompletionStage<Void> typingStarted(
            Conversation conversation, List<User> participants, List<TypingEvent> events, EventInfo event) {
        return post(event, new CallData(null, conversation, participants, events, null));
    }

    @Override
    public CompletionStage<Void> afterConversationCreated(
            Conversation conversation, List<User> participants, EventInfo event) {
        return post(event, new CallData(null, conversation, participants, null, null));
    }

    @Override
    public CompletionStage<Void> afterConversationUpdated(
            Conversation conversation, List<User> participants, EventInfo event) {
        return post(event, new CallData(null, conversation, participants, null, null));
    }

    @Override
    public CompletionStage<Void> afterConversationDeleted(
            Conversation conversation, List<User> participants, EventInfo event) {
        return post(event, new CallData(null, conversation, participants, null, null));
    }

    @Override
    public CompletionStage<Void> afterUsersAddedToConversation(
            Conversation conversation, List<User> participants, List<User> newUsers, EventInfo event) {
        return post(event, new CallData(null, conversation, participants, null, newUsers));
    }

    @Override
    public CompletionStage<Void> afterUsersRemovedFromConversation(
            Conversation conversation, List<User> participants, List<User> oldUsers, EventInfo event) {
        return post(event, new CallData(null, conversation, participants, null, oldUsers));
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
        }
    }
}
