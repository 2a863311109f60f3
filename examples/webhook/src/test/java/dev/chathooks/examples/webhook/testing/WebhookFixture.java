package dev.chathooks.examples.webhook.testing;

import dev.chathooks.examples.webhook.WebhookHook;
import dev.chathooks.mockservers.LocalEndpoint;
import dev.chathooks.testkit.InMemoryHookContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Local endpoints and started webhook hooks for one test, closed together when the test ends ({@link #close()}), in
 * the order they were made, after anything given to {@link #closeFirst}.
 */
public final class WebhookFixture implements AutoCloseable {
    /** The signing secret of hooks made by {@link #hook(LocalEndpoint, String...)}. */
    public static final String SECRET = Signatures.newSecret();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** A local endpoint answering with {@code responder}, closed with the fixture. */
    public LocalEndpoint endpoint(LocalEndpoint.Responder responder) throws IOException {
        LocalEndpoint endpoint = LocalEndpoint.start(responder);
        toClose.add(endpoint);
        return endpoint;
    }

    /** A webhook hook named {@code name}, started with these settings, closed with the fixture. */
    public WebhookHook hook(String name, Map<String, String> settings) {
        WebhookHook hook = new WebhookHook();
        hook.start(new InMemoryHookContext(name, settings));
        toClose.add(hook::close);
        return hook;
    }

    /** A hook named {@code webhook} posting to {@code endpoint}'s {@code /hooks}, signed with {@link #SECRET}. */
    public WebhookHook hook(LocalEndpoint endpoint, String... moreSettings) {
        Map<String, String> settings =
                new HashMap<>(Map.of("url", endpoint.url("/hooks").toString(), "secret", SECRET));
        for (int i = 0; i < moreSettings.length; i += 2) {
            settings.put(moreSettings[i], moreSettings[i + 1]);
        }
        return hook("webhook", settings);
    }

    /** Runs {@code action} before anything else at close, for example to release a request an endpoint holds. */
    public void closeFirst(AutoCloseable action) {
        toClose.add(0, action);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }
}
