package dev.chathooks.examples.push.fcm;

import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import dev.chathooks.examples.push.config.FcmSettings;
import java.util.concurrent.atomic.AtomicLong;

/** Makes Firebase apps from {@link FcmSettings}: the hook's, and the benchmark's baseline. */
public final class FirebaseApps {
    private static final AtomicLong APP_NUMBER = new AtomicLong();

    private FirebaseApps() {}

    /**
     * A new Firebase app with the settings' credentials and project, a pool of {@code threads} threads, and, when
     * the settings name an endpoint, an HTTP transport that sends FCM requests there. Delete it when done.
     */
    public static FirebaseApp initialize(FcmSettings settings, int threads) {
        FirebaseOptions.Builder options = FirebaseOptions.builder()
                .setCredentials(settings.credentials())
                .setProjectId(settings.projectId())
                .setThreadManager(new BoundedThreadManager(threads));
        settings.endpoint().ifPresent(endpoint -> options.setHttpTransport(EndpointConnections.transportTo(endpoint)));
        // App names are unique per process: several hooks, tests or benchmark runs may each have one.
        return FirebaseApp.initializeApp(options.build(), "chat-hooks-push-" + APP_NUMBER.incrementAndGet());
    }
}
