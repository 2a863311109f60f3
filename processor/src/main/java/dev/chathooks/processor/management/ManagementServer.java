package dev.chathooks.processor.management;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.metrics.ChatHooksMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management endpoint: {@code GET /metrics}, {@code GET /health/live}, {@code GET /health/ready}. Any other
 * method gets 405, any other path 404. It holds one thread; requests are answered one at a time, which is plenty
 * for scrapers and probes and bounds what a flood of requests can cost the pipeline.
 *
 * <p>Started before anything else, so that a taken port fails the start at once, and so that readiness can say
 * "not yet" while the rest starts; {@link #health} is then pointed at the running process.
 */
public final class ManagementServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final String host;
    private final ExecutorService thread;
    private final ChatHooksMetrics metrics;
    private final AtomicReference<HealthProbe> health = new AtomicReference<>(HealthProbe.starting());

    private ManagementServer(HttpServer server, String host, ExecutorService thread, ChatHooksMetrics metrics) {
        this.server = server;
        this.host = host;
        this.thread = thread;
        this.metrics = metrics;
    }

    /**
     * Listens on {@code host:port} (port 0: any free one).
     *
     * @throws ManagementStartException if the address cannot be listened on; its message tells the user what to do
     */
    public static ManagementServer start(String host, int port, ChatHooksMetrics metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (BindException e) {
            throw new ManagementStartException(
                    "The management endpoint cannot listen on " + host + ":" + port
                            + " (" + e.getMessage()
                            + "): another process uses that port. Two instances on one machine need "
                            + "different management.port values (as they need different --data-dir folders); set "
                            + "management.port=0 for any free port, or management.enabled=false for none.",
                    e);
        } catch (IOException | RuntimeException e) {
            throw new ManagementStartException(
                    "The management endpoint cannot listen on " + host + ":" + port + ": " + e
                            + ". Check management.host and management.port.",
                    e);
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread handler = new Thread(runnable, "management-endpoint");
            handler.setDaemon(true);
            return handler;
        });
        ManagementServer management = new ManagementServer(server, host, thread, metrics);
        server.createContext("/", management::handle);
        server.setExecutor(thread);
        server.start();
        return management;
    }

    /** The port listened on (the one chosen, for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The address to give a user, as configured, such as {@code http://0.0.0.0:9464}. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /** Points the health endpoints at {@code probe} (the running process, once it runs). */
    public void health(HealthProbe probe) {
        health.set(probe);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean known = path.equals("/metrics") || path.equals("/health/live") || path.equals("/health/ready");
            if (!known) {
                send(
                        exchange,
                        404,
                        "text/plain; charset=utf-8",
                        "Not found. Paths: /metrics, /health/live, /health/ready\n");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "Only GET is served here.\n");
                return;
            }
            if (path.equals("/metrics")) {
                send(exchange, 200, TEXT_FORMAT, metrics.scrape());
            } else {
                HealthProbe probe = health.get();
                HealthStatus status = path.equals("/health/live") ? probe.live() : probe.ready();
                send(exchange, status.healthy() ? 200 : 503, "application/json", json(status));
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "The management endpoint failed to answer {}: {}",
                    exchange.getRequestURI().getPath(),
                    e.toString());
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** {@code {"status": "UP"|"DOWN", "problems": [...]}}. */
    static String json(HealthStatus status) {
        ObjectNode json = Json.object().put("status", status.healthy() ? "UP" : "DOWN");
        ArrayNode problems = json.putArray("problems");
        status.problems().forEach(problems::add);
        return json + "\n";
    }

    /** Stops listening; a request being answered gets a moment to finish. */
    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
