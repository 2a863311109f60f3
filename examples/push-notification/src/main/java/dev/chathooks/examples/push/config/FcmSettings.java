package dev.chathooks.examples.push.config;

import com.google.auth.oauth2.GoogleCredentials;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach FCM through the Firebase Admin SDK. {@link #toString()} never shows the credentials.
 *
 * @param credentials the service account's credentials
 * @param projectId the Firebase project id
 * @param endpoint a base URL replacing {@code https://fcm.googleapis.com} (local endpoints, tests)
 */
public record FcmSettings(GoogleCredentials credentials, String projectId, Optional<URI> endpoint) {
    public FcmSettings {
        Objects.requireNonNull(credentials, "credentials is null");
        Objects.requireNonNull(projectId, "projectId is null");
        Objects.requireNonNull(endpoint, "endpoint is null");
    }

    @Override
    public String toString() {
        return "FcmSettings{projectId=" + projectId + ", endpoint=" + endpoint + "}";
    }
}
