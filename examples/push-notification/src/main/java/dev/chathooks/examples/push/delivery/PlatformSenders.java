package dev.chathooks.examples.push.delivery;

import dev.chathooks.examples.push.devices.Platform;
import dev.chathooks.examples.push.notification.Notification;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Routes each notification to the sender of its platform. Thread-safe once built. */
public final class PlatformSenders implements PushSender {
    private final Map<Platform, PushSender> senders;

    /** @param senders the sender of each configured platform; closed with this one */
    public PlatformSenders(Map<Platform, PushSender> senders) {
        this.senders = new EnumMap<>(Platform.class);
        this.senders.putAll(senders);
    }

    /** One sender for every platform (dry-run). */
    public static PlatformSenders all(PushSender sender) {
        Map<Platform, PushSender> senders = new EnumMap<>(Platform.class);
        for (Platform platform : Platform.values()) {
            senders.put(platform, sender);
        }
        return new PlatformSenders(senders);
    }

    /** Whether notifications to {@code platform} can be sent. */
    public boolean supports(Platform platform) {
        return senders.containsKey(platform);
    }

    @Override
    public CompletionStage<Delivery> send(Notification notification) {
        PushSender sender = senders.get(notification.platform());
        if (sender == null) {
            return CompletableFuture.failedFuture(
                    new PermanentPushException(notification.platform().wireName() + " is not configured", null));
        }
        return sender.send(notification);
    }

    /** Closes every sender once, even if one fails; the first failure is thrown with the others suppressed. */
    @Override
    public void close() {
        List<PushSender> distinct = new ArrayList<>();
        for (PushSender sender : senders.values()) {
            if (distinct.stream().noneMatch(known -> known == sender)) {
                distinct.add(sender);
            }
        }
        RuntimeException failure = null;
        for (PushSender sender : distinct) {
            try {
                sender.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
