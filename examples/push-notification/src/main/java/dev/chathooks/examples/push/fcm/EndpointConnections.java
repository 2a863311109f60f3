package dev.chathooks.examples.push.fcm;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;

/**
 * An HTTP transport for the Firebase SDK that sends what it would send to {@code https://fcm.googleapis.com} to
 * another base URL instead: a local endpoint speaking FCM v1, for tests and benchmarks (the SDK has no FCM
 * emulator). Other URLs are left alone.
 */
final class EndpointConnections {
    static final String FCM_BASE = "https://fcm.googleapis.com";

    private EndpointConnections() {}

    static HttpTransport transportTo(URI endpoint) {
        String base = endpoint.toString().replaceAll("/+$", "");
        return new NetHttpTransport.Builder()
                .setConnectionFactory(url -> open(rewrite(url, base)))
                .build();
    }

    static URL rewrite(URL url, String base) throws IOException {
        String text = url.toString();
        if (!text.startsWith(FCM_BASE + "/")) {
            return url;
        }
        return URI.create(base + text.substring(FCM_BASE.length())).toURL();
    }

    private static HttpURLConnection open(URL url) throws IOException {
        return (HttpURLConnection) url.openConnection();
    }
}
