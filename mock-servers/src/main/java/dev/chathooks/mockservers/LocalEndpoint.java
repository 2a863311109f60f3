package dev.chathooks.mockservers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP endpoint on the loopback interface (the JDK's {@code HttpServer}) that records every request and
 * answers as its {@link Responder} says. Each request is handled on a thread of its own, so a responder may block
 * (to play a slow endpoint) without holding up other requests. The webhook tests and the bench's webhook figures
 * send to it.
 */
public final class LocalEndpoint implements AutoCloseable {
    /** A request as it arrived: headers by lower-case name, the body's exact bytes. */
    public record Received(String path, Map<String, String> headers, byte[] body) {
        /** A header's value, null when absent. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What the endpoint answers. */
    public record Reply(int status, Map<String, String> headers, String body) {
        /** An answer without headers or body. */
        public static Reply status(int status) {
            return new Reply(status, Map.of(), "");
        }
    }

    /** Decides the answer to a request; may block. */
    @FunctionalInterface
    public interface Responder {
        Reply reply(Received request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final boolean record;
    private volatile Responder responder;

    private LocalEndpoint(Responder responder, boolean record, ExecutorService executor) throws IOException {
        this.responder = responder;
        this.record = record;
        this.executor = executor;
        // A deep backlog: the throughput benchmark opens 64 connections at once.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** An endpoint that records every request and answers as {@code responder} says, a thread per request. */
    public static LocalEndpoint start(Responder responder) throws IOException {
        return new LocalEndpoint(responder, true, Executors.newCachedThreadPool(daemon()));
    }

    /**
     * An endpoint for throughput measurements: it records nothing and handles requests on {@code threads} threads.
     */
    public static LocalEndpoint forThroughput(Responder responder, int threads) throws IOException {
        return new LocalEndpoint(responder, false, Executors.newFixedThreadPool(threads, daemon()));
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return task -> {
            Thread thread = new Thread(task, "local-endpoint");
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Replaces the responder. */
    public void respondWith(Responder responder) {
        this.responder = responder;
    }

    /** The URL of {@code path} (starting with {@code /}) on this endpoint. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Every request received so far, in order of arrival. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The most requests that were being handled at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply = receive(exchange);
            reply.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        }
    }

    /**
     * Reads the request and decides the answer. A request counts as in flight from its arrival until its answer is
     * decided, before the answer is sent: a client that sends its next request only after an answer can then never
     * seem to have one more in flight than it has.
     */
    private Reply receive(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            Received request = new Received(exchange.getRequestURI().getPath(), Map.copyOf(headers), body);
            if (record) {
                received.add(request);
            }
            try {
                return responder.reply(request);
            } catch (Exception e) {
                return new Reply(500, Map.of(), "responder failed: " + e);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
