package dev.chathooks.mockservers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP endpoint speaking the FCM v1 API, for the push hook's tests and benchmark (the Firebase SDK has no
 * FCM emulator): {@code POST /v1/projects/<project>/messages:send} with a bearer token, answering
 * {@code {"name": ...}} or FCM's error bodies (UNREGISTERED, SENDER_ID_MISMATCH, scripted 429 QUOTA_EXCEEDED,
 * 500 INTERNAL or 503 UNAVAILABLE with Retry-After), and {@code POST /token}, an OAuth2 token endpoint, so that
 * a service-account key file pointing at it works unchanged.
 */
public final class MockFcmServer implements AutoCloseable {
    /** The access token the token endpoint hands out and the send endpoint requires. */
    static final String ACCESS_TOKEN = "mock-access-token";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String projectId;
    private final boolean recording;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Set<String> unregistered = ConcurrentHashMap.newKeySet();
    private final Set<String> mismatched = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<ScriptedFailure>> scriptedFailures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Map<String, Object>> accepted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger acceptedCount = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();

    /**
     * A failure to answer once.
     *
     * @param status the HTTP status, such as 429 or 503
     * @param errorCode the FCM error code, such as QUOTA_EXCEEDED or UNAVAILABLE
     * @param retryAfterSeconds the Retry-After header in seconds, or -1 for none
     */
    public record ScriptedFailure(int status, String errorCode, int retryAfterSeconds) {}

    private MockFcmServer(String projectId, int threads, boolean recording) throws IOException {
        this.projectId = projectId;
        this.recording = recording;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "mock-fcm");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/token", this::token);
        server.createContext("/v1/projects/", this::send);
        server.start();
    }

    /**
     * Starts an endpoint on a free port of 127.0.0.1.
     *
     * @param projectId the Firebase project it serves
     * @param threads how many requests it handles at once
     * @param recording true to keep every accepted message (tests), false to count them only (benchmarks)
     */
    public static MockFcmServer start(String projectId, int threads, boolean recording) throws IOException {
        return new MockFcmServer(projectId, threads, recording);
    }

    /** The base URL replacing {@code https://fcm.googleapis.com}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Writes a service account's JSON key (with a fresh RSA key) whose token endpoint is this server's, and
     * returns its path.
     */
    public Path writeServiceAccount(Path file) throws IOException {
        KeyPair keyPair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keyPair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("every JDK has RSA", e);
        }
        Map<String, String> account = new LinkedHashMap<>();
        account.put("type", "service_account");
        account.put("project_id", projectId);
        account.put("private_key_id", "mock-key");
        account.put(
                "private_key", Pem.encode("PRIVATE KEY", keyPair.getPrivate().getEncoded()));
        account.put("client_email", "push@" + projectId + ".iam.gserviceaccount.com");
        account.put("client_id", "1");
        account.put("token_uri", endpoint() + "/token");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, MAPPER.writeValueAsBytes(account));
        return file;
    }

    /** The push hook's {@code fcm.*} settings (without the {@code hook.push.} prefix) for this endpoint. */
    public Map<String, String> hookSettings(Path serviceAccountFile) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fcm.service-account-file", serviceAccountFile.toString());
        settings.put("fcm.endpoint", endpoint().toString());
        return settings;
    }

    /** Makes {@code token} answer 404 UNREGISTERED. */
    public void unregister(String token) {
        unregistered.add(token);
    }

    /** Makes {@code token} answer 403 SENDER_ID_MISMATCH. */
    public void mismatchSender(String token) {
        mismatched.add(token);
    }

    /** Makes the next attempts to {@code token} fail so, in order. */
    public void failNext(String token, ScriptedFailure... failures) {
        scriptedFailures.computeIfAbsent(token, ignored -> new ArrayDeque<>()).addAll(List.of(failures));
    }

    /** How many send requests for {@code token} arrived. */
    public int attempts(String token) {
        AtomicInteger count = attempts.get(token);
        return count == null ? 0 : count.get();
    }

    /** The {@code message} objects accepted so far, in arrival order (recording servers only). */
    public List<Map<String, Object>> accepted() {
        if (!recording) {
            throw new IllegalStateException("this server counts messages, it does not record them");
        }
        return List.copyOf(accepted);
    }

    /** How many messages were accepted so far. */
    public int acceptedCount() {
        return acceptedCount.get();
    }

    /** How many access tokens were handed out. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            tokenRequests.incrementAndGet();
            respond(
                    exchange,
                    200,
                    Map.of("access_token", ACCESS_TOKEN, "token_type", "Bearer", "expires_in", 3600),
                    -1);
        }
    }

    @SuppressWarnings("unchecked")
    private void send(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!"POST".equals(exchange.getRequestMethod())
                    || !exchange.getRequestURI().getPath().equals("/v1/projects/" + projectId + "/messages:send")) {
                error(exchange, 404, "NOT_FOUND", null, "no such method", -1);
                return;
            }
            if (!("Bearer " + ACCESS_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR", "missing or wrong credentials", -1);
                return;
            }
            Map<String, Object> request;
            try {
                request = MAPPER.readValue(body, Map.class);
            } catch (IOException e) {
                error(exchange, 400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "the body is not JSON", -1);
                return;
            }
            Object message = request.get("message");
            Object token = message instanceof Map ? ((Map<String, Object>) message).get("token") : null;
            if (!(token instanceof String)) {
                error(exchange, 400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "message.token is missing", -1);
                return;
            }
            String deviceToken = (String) token;
            attempts.computeIfAbsent(deviceToken, ignored -> new AtomicInteger())
                    .incrementAndGet();
            ScriptedFailure failure = nextFailure(deviceToken);
            if (failure != null) {
                error(
                        exchange,
                        failure.status(),
                        statusName(failure.status()),
                        failure.errorCode(),
                        "scripted failure",
                        failure.retryAfterSeconds());
            } else if (unregistered.contains(deviceToken)) {
                error(exchange, 404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.", -1);
            } else if (mismatched.contains(deviceToken)) {
                error(exchange, 403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH", "SenderId mismatch", -1);
            } else {
                int number = acceptedCount.incrementAndGet();
                if (recording) {
                    accepted.add((Map<String, Object>) message);
                }
                respond(exchange, 200, Map.of("name", "projects/" + projectId + "/messages/" + number), -1);
            }
        }
    }

    private ScriptedFailure nextFailure(String token) {
        Deque<ScriptedFailure> script = scriptedFailures.get(token);
        if (script == null) {
            return null;
        }
        synchronized (script) {
            return script.pollFirst();
        }
    }

    private static String statusName(int status) {
        switch (status) {
            case 429:
                return "RESOURCE_EXHAUSTED";
            case 500:
                return "INTERNAL";
            case 503:
                return "UNAVAILABLE";
            default:
                return "UNKNOWN";
        }
    }

    private static void error(
            HttpExchange exchange, int status, String statusName, String fcmCode, String message, int retryAfterSeconds)
            throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status);
        error.put("message", message);
        error.put("status", statusName);
        if (fcmCode != null) {
            error.put(
                    "details",
                    List.of(Map.of(
                            "@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode", fcmCode)));
        }
        respond(exchange, status, Map.of("error", error), retryAfterSeconds);
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> body, int retryAfterSeconds)
            throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        if (retryAfterSeconds >= 0) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
