package dev.chathooks.testsupport;

import dev.chathooks.processor.management.ManagementServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** GET requests to a running management endpoint, as a probe or a scraper would send them. */
public final class ManagementGet {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ManagementGet() {}

    /** The status of {@code GET path} on {@code server}. */
    public static int status(ManagementServer server, String path) {
        return get(server, path).statusCode();
    }

    /** The body of {@code GET path} on {@code server}. */
    public static String body(ManagementServer server, String path) {
        return get(server, path).body();
    }

    /** {@code GET path} on {@code server}. */
    public static HttpResponse<String> get(ManagementServer server, String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
