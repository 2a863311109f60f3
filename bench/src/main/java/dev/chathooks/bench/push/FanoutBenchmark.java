package dev.chathooks.bench.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.core.ApiFuture;
import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.FirebaseMessaging;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import dev.chathooks.bench.TakingTurns;
import dev.chathooks.examples.push.PushHook;
import dev.chathooks.examples.push.apns.ApnsClients;
import dev.chathooks.examples.push.config.PushConfig;
import dev.chathooks.examples.push.devices.DeviceDirectory;
import dev.chathooks.examples.push.fcm.FcmPushSender;
import dev.chathooks.examples.push.fcm.FirebaseApps;
import dev.chathooks.examples.push.notification.ApnsPayload;
import dev.chathooks.examples.push.notification.Notification;
import dev.chathooks.examples.push.notification.NotificationPlanner;
import dev.chathooks.mockservers.MockApnsService;
import dev.chathooks.mockservers.MockFcmServer;
import dev.chathooks.processor.files.Directories;
import dev.chathooks.testkit.InMemoryHookContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Measures the fan-out of one message to a large conversation, in notifications per second, in one run: through the
 * push hook to Pushy's mock APNs server and to a local FCM v1 endpoint, and the same notifications sent directly by
 * Pushy and by the Firebase SDK with the same in-flight bound. Each figure is the median of the rounds, after warm-up
 * rounds until the JIT has settled ({@link TakingTurns}); the hook's and the direct rounds take turns. The servers run in the same JVM, so the figures
 * compare clients on equal terms, not against the real services.
 *
 * <p>{@code java -cp ... dev.chathooks.examples.push.bench.FanoutBenchmark [members] [rounds]} prints a table and a
 * JSON line with {@code apns_push_per_s}, {@code apns_raw_per_s}, {@code fcm_push_per_s}, {@code fcm_raw_per_s}.
 */
public final class FanoutBenchmark {
    /** The in-flight bound of the hook (its default) and of the direct baselines. */
    public static final int MAX_IN_FLIGHT = 64;

    private static final String TOPIC = "dev.chathooks.bench";
    private static final String PROJECT = "chat-hooks-bench";

    private FanoutBenchmark() {}

    /** Runs with {@code args[0]} members (default 10000) and {@code args[1]} rounds (default 3). */
    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<String, Double> rates = run(members, rounds, Duration.ofSeconds(20));
        System.out.printf(
                "Fan-out of one message to %,d members (%,d notifications), in-flight bound %d, median of %d"
                        + " rounds%n",
                members, members - 1, MAX_IN_FLIGHT, rounds);
        System.out.printf("%-8s %18s %18s%n", "", "push hook /s", "direct /s");
        System.out.printf("%-8s %,18.0f %,18.0f%n", "APNs", rates.get("apns_push_per_s"), rates.get("apns_raw_per_s"));
        System.out.printf("%-8s %,18.0f %,18.0f%n", "FCM", rates.get("fcm_push_per_s"), rates.get("fcm_raw_per_s"));
        System.out.println(new ObjectMapper().writeValueAsString(rates));
    }

    /**
     * Runs the benchmark; the processor's {@code bench} command calls it too.
     *
     * @param members the conversation's members, each with one device on each platform (the sender gets none)
     * @param rounds measured rounds per figure, at least 1
     * @param mostWarmUp the longest warm-up of each figure ({@link TakingTurns#measure})
     * @return notifications per second: {@code apns_push_per_s}, {@code apns_raw_per_s}, {@code fcm_push_per_s},
     *         {@code fcm_raw_per_s}
     */
    public static Map<String, Double> run(int members, int rounds, Duration mostWarmUp) throws Exception {
        if (members < 2 || rounds < 1) {
            throw new IllegalArgumentException("members must be at least 2 and rounds at least 1");
        }
        // HttpURLConnection keeps 5 idle connections per host by default: with 64 requests in flight, most would
        // open a new connection. Both the hook and the direct baseline use the same transport. Set here, not only
        // in main, so that a caller such as `chat-hooks bench` gets the same figures; the JDK reads it once, when
        // its keep-alive cache is first used, so a caller that set it already keeps its value.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(MAX_IN_FLIGHT));
        }
        Path folder = Files.createTempDirectory("push-bench");
        try (MockApnsService apns = MockApnsService.startAcceptingAll(TOPIC, folder);
                MockFcmServer fcm = MockFcmServer.start(PROJECT, 8, false)) {
            Path serviceAccount = fcm.writeServiceAccount(folder.resolve("service-account.json"));
            List<User> participants = new ArrayList<>(members);
            Map<String, Map<String, Object>> apnsDevices = new HashMap<>();
            Map<String, Map<String, Object>> fcmDevices = new HashMap<>();
            for (int i = 0; i < members; i++) {
                String userId = "u-" + i;
                participants.add(User.of(Map.of("id", userId, "username", "user" + i)));
                String apnsToken = String.format("%064x", i + 1);
                apns.registerToken(apnsToken);
                apnsDevices.put(
                        userId,
                        Map.of("devices", List.of(Map.of("id", "d-" + i, "platform", "apns", "token", apnsToken))));
                fcmDevices.put(
                        userId,
                        Map.of("devices", List.of(Map.of("id", "d-" + i, "platform", "fcm", "token", "fcm-" + i))));
            }
            Map<String, String> apnsSettings = new HashMap<>(apns.hookSettings());
            Map<String, String> fcmSettings = new HashMap<>(fcm.hookSettings(serviceAccount));

            Map<String, Double> rates = new LinkedHashMap<>();
            TakingTurns.Medians apnsRates = TakingTurns.measure(
                    rounds,
                    mostWarmUp,
                    () -> hookRound(apnsSettings, apnsDevices, participants, apns::acceptedCount),
                    () -> rawApnsRound(DirectRound.of(apnsSettings, apnsDevices, participants), apns::acceptedCount));
            TakingTurns.Medians fcmRates = TakingTurns.measure(
                    rounds,
                    mostWarmUp,
                    () -> hookRound(fcmSettings, fcmDevices, participants, fcm::acceptedCount),
                    () -> rawFcmRound(DirectRound.of(fcmSettings, fcmDevices, participants), fcm::acceptedCount));
            rates.put("apns_push_per_s", apnsRates.first());
            rates.put("apns_raw_per_s", apnsRates.second());
            rates.put("fcm_push_per_s", fcmRates.first());
            rates.put("fcm_raw_per_s", fcmRates.second());
            return rates;
        } finally {
            Directories.deleteRecursively(folder);
        }
    }

    private static InMemoryHookContext context(
            Map<String, String> platformSettings, Map<String, Map<String, Object>> devices) {
        Map<String, String> settings = new HashMap<>(platformSettings);
        settings.put("mode", "send");
        settings.put("max-in-flight", Integer.toString(MAX_IN_FLIGHT));
        InMemoryHookContext context = new InMemoryHookContext("push", settings);
        devices.forEach((userId, value) -> context.table("chat.devices").put(userId, value));
        return context;
    }

    private static final AtomicInteger EVENTS = new AtomicInteger();

    private static EventInfo event() {
        String id = "bench-" + EVENTS.incrementAndGet();
        return new EventInfo(
                id,
                HookKind.AFTER_MESSAGE_SENT,
                "chat.message.sent",
                "c-bench",
                "u-0",
                Instant.now(),
                Map.of("id", id));
    }

    private static final Message MESSAGE = Message.of(Map.of(
            "id",
            "m-bench",
            "conversation_id",
            "c-bench",
            "sender_id",
            "u-0",
            "body",
            "Hello, everyone: the benchmark is starting."));
    private static final Conversation CONVERSATION = Conversation.of(Map.of("id", "c-bench", "title", "Everyone"));

    private static double hookRound(
            Map<String, String> settings,
            Map<String, Map<String, Object>> devices,
            List<User> participants,
            Supplier<Integer> accepted)
            throws Exception {
        PushHook hook = new PushHook();
        hook.start(context(settings, devices));
        try {
            int before = accepted.get();
            long start = System.nanoTime();
            hook.afterMessageSent(MESSAGE, CONVERSATION, participants, event())
                    .toCompletableFuture()
                    .get(10, TimeUnit.MINUTES);
            return rate(accepted.get() - before, participants.size() - 1, start);
        } finally {
            hook.close();
        }
    }

    /** The notifications the hook would send, computed the same way. */
    private static List<Notification> notifications(InMemoryHookContext context, List<User> participants) {
        return new NotificationPlanner(new DeviceDirectory(context.table("chat.devices")))
                .plan(MESSAGE, CONVERSATION, participants, event())
                .notifications();
    }

    /** Sends one notification with a raw client, running {@code whenDone} once it is answered either way. */
    private interface RawSend {
        void send(Notification notification, Runnable whenDone);
    }

    /**
     * Sends every notification with {@code send}, at most {@code MAX_IN_FLIGHT} unanswered at a time, and gives the
     * rate of those {@code accepted} counts as accepted.
     */
    private static double boundedRound(List<Notification> notifications, Supplier<Integer> accepted, RawSend send)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(notifications.size());
        int before = accepted.get();
        long start = System.nanoTime();
        for (Notification notification : notifications) {
            inFlight.acquire();
            send.send(notification, () -> {
                inFlight.release();
                done.countDown();
            });
        }
        done.await(10, TimeUnit.MINUTES);
        return rate(accepted.get() - before, notifications.size(), start);
    }

    private static double rawApnsRound(DirectRound round, Supplier<Integer> accepted) throws Exception {
        PushConfig config = round.config();
        List<Notification> notifications = round.notifications();
        ApnsClients.Owned owned =
                ApnsClients.build(config.apns().orElseThrow(), ApnsClientBuilder.PRODUCTION_APNS_HOST);
        ApnsClient client = owned.client();
        try {
            return boundedRound(
                    notifications,
                    accepted,
                    (notification, whenDone) -> client.sendNotification(new SimpleApnsPushNotification(
                                    notification.token(),
                                    TOPIC,
                                    ApnsPayload.json(notification),
                                    Instant.now().plusSeconds(86_400),
                                    DeliveryPriority.IMMEDIATE,
                                    PushType.ALERT,
                                    notification.collapseId()))
                            .whenComplete((response, error) -> whenDone.run()));
        } finally {
            owned.close().get(30, TimeUnit.SECONDS);
        }
    }

    private static double rawFcmRound(DirectRound round, Supplier<Integer> accepted) throws Exception {
        PushConfig config = round.config();
        List<Notification> notifications = round.notifications();
        FirebaseApp app = FirebaseApps.initialize(config.fcm().orElseThrow(), MAX_IN_FLIGHT);
        try {
            FirebaseMessaging messaging = FirebaseMessaging.getInstance(app);
            return boundedRound(notifications, accepted, (notification, whenDone) -> {
                ApiFuture<String> sent = messaging.sendAsync(FcmPushSender.message(notification));
                sent.addListener(whenDone, Runnable::run);
            });
        } finally {
            app.delete();
        }
    }

    private static double rate(int accepted, int expected, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (accepted != expected) {
            throw new IllegalStateException("the server accepted " + accepted + " of " + expected
                    + " notifications; the figure would be wrong");
        }
        return accepted / seconds;
    }

    /** What a round sent directly (without the hook) sends: the hook's configuration and its notifications. */
    private record DirectRound(PushConfig config, List<Notification> notifications) {
        static DirectRound of(
                Map<String, String> settings, Map<String, Map<String, Object>> devices, List<User> participants) {
            InMemoryHookContext context = context(settings, devices);
            return new DirectRound(
                    PushConfig.from(context.config()), FanoutBenchmark.notifications(context, participants));
        }
    }
}
