package dev.chathooks.examples.push;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookConfigException;
import dev.chathooks.api.HookContext;
import dev.chathooks.api.Message;
import dev.chathooks.api.PermanentHookFailureException;
import dev.chathooks.api.User;
import dev.chathooks.examples.push.apns.ApnsPushSender;
import dev.chathooks.examples.push.config.Mode;
import dev.chathooks.examples.push.config.PushConfig;
import dev.chathooks.examples.push.delivery.Delivery;
import dev.chathooks.examples.push.delivery.FairDispatcher;
import dev.chathooks.examples.push.delivery.FanoutTally;
import dev.chathooks.examples.push.delivery.PermanentPushException;
import dev.chathooks.examples.push.delivery.PlatformSenders;
import dev.chathooks.examples.push.delivery.PushSender;
import dev.chathooks.examples.push.delivery.RetryingSender;
import dev.chathooks.examples.push.delivery.SentLedger;
import dev.chathooks.examples.push.devices.DeviceDirectory;
import dev.chathooks.examples.push.devices.Platform;
import dev.chathooks.examples.push.dryrun.DryRunSender;
import dev.chathooks.examples.push.fcm.FcmPushSender;
import dev.chathooks.examples.push.feedback.FeedbackReporter;
import dev.chathooks.examples.push.feedback.RejectedTokens;
import dev.chathooks.examples.push.metrics.PushMetrics;
import dev.chathooks.examples.push.notification.Notification;
import dev.chathooks.examples.push.notification.NotificationPlanner;
import dev.chathooks.examples.push.notification.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference push-notification hook ({@code push}): on every sent message, one notification per device of every
 * participant but the sender, through APNs (Pushy) and FCM (Firebase Admin SDK), or as JSON lines in dry-run mode.
 * The rules are {@link NotificationPlanner}'s; the configuration is {@link PushConfig}'s.
 *
 * <p>How a call goes:
 * <ol>
 *   <li>The rules give the notifications; those whose token was rejected before, or that were accepted before for
 *       the same event (a redelivered call), are left out.</li>
 *   <li>They are sent with a bound on notifications in flight over all conversations, taking turns between
 *       conversations, so a 10,000-member fan-out delays others only as much as the bound requires
 *       ({@link FairDispatcher}). Transient failures are retried with backoff ({@link RetryingSender}).</li>
 *   <li>A rejected token is written to the feedback topic and never used again by this process.</li>
 *   <li>The call's stage completes when every notification is accepted, rejected and reported, or failed. If
 *       some failed for reasons that may pass, it fails with a {@link PushDeliveryException} (the processor
 *       retries the call; accepted ones are not sent again); if all failures are permanent, with a
 *       {@link PermanentHookFailureException}.</li>
 * </ol>
 */
public final class PushHook implements AsyncChatHook {
    private static final Logger LOG = LoggerFactory.getLogger(PushHook.class);

    private final Clock clock;
    private PushConfig config;
    private NotificationPlanner planner;
    private PlatformSenders senders;
    private FairDispatcher dispatcher;
    private RejectedTokens rejectedTokens;
    private SentLedger sentLedger;
    private FeedbackReporter feedback;
    private PushMetrics metrics;

    /** The hook as the processor creates it. */
    public PushHook() {
        this(Clock.systemUTC());
    }

    /** @param clock gives the time of feedback reports */
    PushHook(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "push";
    }

    @Override
    public void start(HookContext context) throws IOException {
        config = PushConfig.from(context.config());
        metrics = new PushMetrics(context.metrics());
        planner = new NotificationPlanner(new DeviceDirectory(context.lookupTable(config.devicesTopic())));
        rejectedTokens = new RejectedTokens(config.rejectedTokensCapacity());
        sentLedger = new SentLedger(config.sentCapacity());
        // The next notification starts on the thread where the last one completed: Pushy's event loop for APNs,
        // where its write needs no hand-over to another thread. Starting is non-blocking for both senders (the
        // Firebase SDK queues to its own pool). Handing each start to a thread of our own cost a third of the APNs
        // fan-out rate (13-18k/s against 25k/s, FanoutBenchmark, 10,000 members).
        dispatcher = new FairDispatcher(config.maxInFlight());
        if (config.mode() == Mode.DRY_RUN) {
            senders = PlatformSenders.all(
                    config.dryRunFile().isPresent() ? dryRunFile(context) : DryRunSender.toStream(System.out));
            LOG.info(
                    "Push hook in dry-run mode: notifications are written to {}, not sent",
                    config.dryRunFile().map(Object::toString).orElse("stdout"));
        } else {
            feedback = new FeedbackReporter(context.topicWriter(config.feedbackTopic()), clock);
            senders = sendingSenders(context);
            LOG.info(
                    "Push hook sending through {}; rejected tokens are reported to {}",
                    (config.apns().isPresent() ? "APNs " : "") + (config.fcm().isPresent() ? "FCM" : ""),
                    config.feedbackTopic());
        }
    }

    private DryRunSender dryRunFile(HookContext context) {
        try {
            return DryRunSender.toFile(config.dryRunFile().get());
        } catch (IOException e) {
            throw new HookConfigException(
                    context.config().fullKey("dry-run-file"),
                    "names " + config.dryRunFile().get().toAbsolutePath() + ", which cannot be written: "
                            + e.getMessage());
        }
    }

    private PlatformSenders sendingSenders(HookContext context) {
        Map<Platform, PushSender> map = new EnumMap<>(Platform.class);
        try {
            if (config.apns().isPresent()) {
                map.put(
                        Platform.APNS,
                        new RetryingSender(new ApnsPushSender(config.apns().get()), config.retry()));
            }
        } catch (UncheckedIOException e) {
            throw new HookConfigException(
                    context.config().fullKey("apns.trusted-certificate"),
                    "cannot be used to set up TLS for APNs: " + e.getCause().getMessage());
        }
        if (config.fcm().isPresent()) {
            map.put(
                    Platform.FCM,
                    new RetryingSender(new FcmPushSender(config.fcm().get(), config.maxInFlight()), config.retry()));
        }
        return new PlatformSenders(map);
    }

    @Override
    public CompletionStage<Void> afterMessageSent(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        Plan plan = planner.plan(message, conversation, participants, event);
        List<Pending> toSend = new ArrayList<>(plan.notifications().size());
        int unsupported = 0;
        int knownRejected = 0;
        int alreadySent = 0;
        for (Notification notification : plan.notifications()) {
            if (!senders.supports(notification.platform())) {
                unsupported++;
            } else if (rejectedTokens.contains(notification.platform(), notification.token())) {
                knownRejected++;
            } else {
                long ledgerKey = sentLedger.keyOf(notification);
                if (sentLedger.wasAccepted(ledgerKey)) {
                    alreadySent++;
                } else {
                    toSend.add(new Pending(notification, ledgerKey));
                }
            }
        }
        if (unsupported > 0) {
            LOG.warn(
                    "Event {}: {} notifications are for a platform that is not configured (configure it under "
                            + "hook.push.apns.* or hook.push.fcm.*); they are not sent",
                    event.id(),
                    unsupported);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "Event {}: {} notifications to send; skipped: sender {}, push disabled {}, muted {}, no device "
                            + "{}, token rejected before {}, sent before {}{}",
                    event.id(),
                    toSend.size(),
                    plan.skippedSender(),
                    plan.skippedPushDisabled(),
                    plan.skippedMuted(),
                    plan.withoutDevices(),
                    knownRejected,
                    alreadySent,
                    plan.reason() == null ? "" : "; none at all: " + plan.reason());
        }
        long fanoutStart = System.nanoTime();
        FanoutTally tally = new FanoutTally();
        CompletableFuture<Void> result = new CompletableFuture<>();
        CompletableFuture<Void> sending = dispatcher.submit(toSend, pending -> deliver(pending, tally));
        sending.whenComplete((ignored, error) -> {
            metrics.fanoutFinished(fanoutStart);
            finish(event, toSend.size(), tally, error, result);
        });
        // Cancelling the call (the processor's timeout) starts no more of its notifications.
        result.whenComplete((ignored, error) -> {
            if (result.isCancelled()) {
                sending.cancel(false);
            }
        });
        return result;
    }

    /** A notification to send, with its key in the sent ledger. */
    private record Pending(Notification notification, long ledgerKey) {}

    private CompletionStage<Void> deliver(Pending pending, FanoutTally tally) {
        Notification notification = pending.notification();
        return senders.send(notification)
                .handle((delivery, error) -> {
                    if (error != null) {
                        Throwable cause = unwrap(error);
                        tally.failed(cause, cause instanceof PermanentPushException);
                        metrics.failed(notification.platform());
                        LOG.debug("{} failed: {}", notification, cause.getMessage());
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (delivery.accepted()) {
                        sentLedger.recordAccepted(pending.ledgerKey());
                        tally.accepted();
                        metrics.sent(notification.platform());
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return reportRejected(notification, delivery, tally);
                })
                .thenCompose(stage -> stage);
    }

    private CompletionStage<Void> reportRejected(Notification notification, Delivery delivery, FanoutTally tally) {
        rejectedTokens.add(notification.platform(), notification.token());
        metrics.rejected(notification.platform(), delivery.rejectionReason());
        LOG.debug(
                "The {} token of device {} of user {} was rejected ({}); reporting it to {}",
                notification.platform().wireName(),
                notification.deviceId(),
                notification.userId(),
                delivery.rejectionReason(),
                config.feedbackTopic());
        return feedback.reportRejected(notification, delivery.rejectionReason()).handle((ignored, error) -> {
            if (error == null) {
                tally.rejected();
            } else {
                // Unreported, the token must meet a retry of this call again, to be reported then.
                rejectedTokens.remove(notification.platform(), notification.token());
                tally.failed(
                        new IllegalStateException(
                                "cannot report a rejected token to " + feedback.topic() + ": "
                                        + unwrap(error).getMessage(),
                                unwrap(error)),
                        false);
            }
            return null;
        });
    }

    private static void finish(
            EventInfo event, int total, FanoutTally tally, Throwable error, CompletableFuture<Void> result) {
        if (error != null) {
            result.completeExceptionally(unwrap(error));
            return;
        }
        int transientFailures = tally.failedTransientCount();
        int permanentFailures = tally.failedPermanentCount();
        if (transientFailures + permanentFailures == 0) {
            LOG.debug(
                    "Event {}: {} accepted, {} tokens rejected",
                    event.id(),
                    tally.acceptedCount(),
                    tally.rejectedCount());
            result.complete(null);
            return;
        }
        String summary = (transientFailures + permanentFailures) + " of " + total + " notifications of event "
                + event.id() + " failed (" + tally.acceptedCount() + " accepted, " + tally.rejectedCount()
                + " tokens rejected); first: " + tally.firstFailure().getMessage();
        if (transientFailures == 0) {
            result.completeExceptionally(new PermanentHookFailureException(summary, tally.firstFailure()));
        } else {
            result.completeExceptionally(new PushDeliveryException(
                    summary + "; a retry of the call sends only those not accepted", tally.firstFailure()));
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (senders != null) {
            senders.close();
        }
    }
}
