package dev.chathooks.mockservers;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.AcceptAllPushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.ParsingMockApnsServerListenerAdapter;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.PushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushy's {@link MockApnsServer} set up as APNs is: TLS with a self-signed certificate made for the run, token
 * authentication with a P-256 signing key made for the run, device tokens registered per topic. It answers as APNs
 * does: BadDeviceToken for tokens it does not know, DeviceTokenNotForTopic for a token of another topic,
 * Unregistered (410) for tokens marked so, and, when scripted, 429 TooManyRequests or 503 ServiceUnavailable for
 * the next attempts to a token. For the push hook's tests and benchmark.
 */
public final class MockApnsService implements AutoCloseable {
    /** The signing key's id. */
    public static final String KEY_ID = "MOCKKEY123";
    /** The team's id. */
    public static final String TEAM_ID = "MOCKTEAM12";

    private final String topic;
    private final Path folder;
    private final String signingKeyPem;
    private final SelfSignedCertificate certificate;
    private final Map<String, Set<String>> tokensByTopic = new ConcurrentHashMap<>();
    /** A token key may send to every app of its team, as with APNs: each topic registered is added. */
    private final Set<String> keyTopics = ConcurrentHashMap.newKeySet();

    private final Map<String, Instant> expiredTokens = new ConcurrentHashMap<>();
    private final Map<String, Deque<RejectionReason>> scriptedFailures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<ApnsPushNotification> accepted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger acceptedCount = new AtomicInteger();
    private final boolean recording;
    private final MockApnsServer server;
    /**
     * The server's thread, owned here so that {@link #close} stops it at once: Pushy stops one it made itself after
     * Netty's two quiet seconds, which every test that closes a server waited for.
     */
    private final EventLoopGroup eventLoop = new NioEventLoopGroup(1);

    private final int port;

    private MockApnsService(String topic, Path folder, boolean recording, boolean validating) throws IOException {
        this.topic = topic;
        this.folder = folder;
        this.recording = recording;
        this.certificate = SelfSignedCertificate.generate(folder);
        KeyPair keyPair;
        ApnsVerificationKey verificationKey;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keyPair = generator.generateKeyPair();
            verificationKey = new ApnsVerificationKey(KEY_ID, TEAM_ID, (ECPublicKey) keyPair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make a P-256 signing key", e);
        }
        this.signingKeyPem = Pem.encode("PRIVATE KEY", keyPair.getPrivate().getEncoded());
        tokensByTopic.put(topic, ConcurrentHashMap.newKeySet());
        keyTopics.add(topic);
        ValidatingPushNotificationHandlerFactory validatingFactory = new ValidatingPushNotificationHandlerFactory(
                tokensByTopic, expiredTokens, Map.of(KEY_ID, verificationKey), Map.of(verificationKey, keyTopics));
        this.server = new MockApnsServerBuilder()
                .setServerCredentials(
                        new java.security.cert.X509Certificate[] {certificate.certificate()},
                        certificate.privateKey(),
                        null)
                .setHandlerFactory(new ScriptedHandlerFactory(
                        validating ? validatingFactory : new AcceptAllPushNotificationHandlerFactory()))
                .setListener(recording ? new RecordingListener() : new CountingListener())
                .setEventLoopGroup(eventLoop)
                .build();
        try {
            this.port = server.start(0).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            eventLoop.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            throw new IOException("interrupted while the mock APNs server started", e);
        } catch (ExecutionException | TimeoutException e) {
            eventLoop.shutdownGracefully(0, 5, TimeUnit.SECONDS); // no server will close it
            throw new IOException("the mock APNs server did not start", e);
        }
    }

    /**
     * Starts a server on a free local port.
     *
     * @param topic the app's bundle id, the topic the signing key may send to
     * @param folder where the certificate and key files are written
     * @param recording true to keep every accepted notification (tests), false to count them only (benchmarks)
     */
    public static MockApnsService start(String topic, Path folder, boolean recording) throws IOException {
        Files.createDirectories(folder);
        return new MockApnsService(topic, folder, recording, true);
    }

    /**
     * Starts a server that accepts every notification (but scripted failures) without checking token, topic or
     * authentication token: for benchmarks, where verifying an ECDSA signature per notification would make the
     * server, not the client, the bottleneck.
     */
    public static MockApnsService startAcceptingAll(String topic, Path folder) throws IOException {
        Files.createDirectories(folder);
        return new MockApnsService(topic, folder, false, false);
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The topic its key may send to. */
    public String topic() {
        return topic;
    }

    /** The signing key, as the PEM text of a .p8 file. A secret of this mock only. */
    public String signingKeyPem() {
        return signingKeyPem;
    }

    /** The PEM file of the server's certificate. */
    public Path certificateFile() {
        return certificate.pemFile();
    }

    /** Writes the signing key to a .p8 file in the folder and returns its path. */
    public Path writeSigningKey() throws IOException {
        Path file = folder.resolve("AuthKey_" + KEY_ID + ".p8");
        Files.writeString(file, signingKeyPem);
        return file;
    }

    /**
     * The push hook's {@code apns.*} settings (without the {@code hook.push.} prefix) for this server, with the key
     * as PEM text.
     */
    public Map<String, String> hookSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("apns.key", signingKeyPem);
        settings.put("apns.key-id", KEY_ID);
        settings.put("apns.team-id", TEAM_ID);
        settings.put("apns.topic", topic);
        settings.put("apns.host", "localhost");
        settings.put("apns.port", Integer.toString(port));
        settings.put("apns.trusted-certificate", certificate.pemFile().toString());
        return settings;
    }

    /** Registers {@code token} (64 hex digits) for {@code tokenTopic}. */
    public void registerToken(String tokenTopic, String token) {
        keyTopics.add(tokenTopic);
        tokensByTopic
                .computeIfAbsent(tokenTopic, ignored -> ConcurrentHashMap.newKeySet())
                .add(token);
    }

    /** Registers {@code token} for the server's topic. */
    public void registerToken(String token) {
        registerToken(topic, token);
    }

    /** Makes {@code token} answer 410 Unregistered from now on. */
    public void unregisterToken(String token) {
        registerToken(token);
        expiredTokens.put(token, Instant.now());
    }

    /** Makes the next attempts to {@code token} fail with these reasons, in order (such as TOO_MANY_REQUESTS). */
    public void failNext(String token, RejectionReason... reasons) {
        scriptedFailures.computeIfAbsent(token, ignored -> new ArrayDeque<>()).addAll(List.of(reasons));
    }

    /** How many notifications for {@code token} reached the server, accepted or not. */
    public int attempts(String token) {
        AtomicInteger count = attempts.get(token);
        return count == null ? 0 : count.get();
    }

    /** The notifications accepted so far, in arrival order (recording servers only). */
    public List<ApnsPushNotification> accepted() {
        if (!recording) {
            throw new IllegalStateException("this server counts notifications, it does not record them");
        }
        return List.copyOf(accepted);
    }

    /** How many notifications were accepted so far. */
    public int acceptedCount() {
        return acceptedCount.get();
    }

    @Override
    public void close() {
        try {
            server.shutdown().get(30, TimeUnit.SECONDS);
            eventLoop.shutdownGracefully(0, 5, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the mock APNs server did not stop", e);
        }
    }

    /** Counts attempts and plays scripted failures, then lets Pushy's validating handler judge. */
    private final class ScriptedHandlerFactory implements PushNotificationHandlerFactory {
        private final PushNotificationHandlerFactory validating;

        ScriptedHandlerFactory(PushNotificationHandlerFactory validating) {
            this.validating = validating;
        }

        @Override
        public PushNotificationHandler buildHandler(javax.net.ssl.SSLSession session) {
            PushNotificationHandler delegate = validating.buildHandler(session);
            return (headers, payload) -> {
                String token = token(headers);
                attempts.computeIfAbsent(token, ignored -> new AtomicInteger()).incrementAndGet();
                Deque<RejectionReason> script = scriptedFailures.get(token);
                if (script != null) {
                    RejectionReason reason;
                    synchronized (script) {
                        reason = script.pollFirst();
                    }
                    if (reason != null) {
                        throw new RejectedNotificationException(reason);
                    }
                }
                delegate.handlePushNotification(headers, payload);
            };
        }

        private String token(Http2Headers headers) {
            CharSequence path = headers.path();
            String text = path == null ? "" : path.toString();
            return text.startsWith("/3/device/") ? text.substring("/3/device/".length()) : text;
        }
    }

    private final class RecordingListener extends ParsingMockApnsServerListenerAdapter {
        @Override
        public void handlePushNotificationAccepted(ApnsPushNotification notification) {
            accepted.add(notification);
            acceptedCount.incrementAndGet();
        }

        @Override
        public void handlePushNotificationRejected(
                ApnsPushNotification notification, RejectionReason reason, Instant deviceTokenExpirationTimestamp) {}
    }

    private final class CountingListener implements MockApnsServerListener {
        @Override
        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
            acceptedCount.incrementAndGet();
        }

        @Override
        public void handlePushNotificationRejected(
                Http2Headers headers,
                ByteBuf payload,
                RejectionReason reason,
                Instant deviceTokenExpirationTimestamp) {}
    }
}
