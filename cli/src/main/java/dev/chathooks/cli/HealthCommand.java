package dev.chathooks.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chat-hooks health}: asks a running instance's management endpoint whether it is ready (or alive), for
 * container health checks, where a JRE image has no curl.
 */
@Command(
        name = "health",
        mixinStandardHelpOptions = true,
        description = {
            "Asks a running instance's management endpoint whether it is ready (or, with --live, alive).",
            "Exits 0 when it is, 1 when it is not or does not answer: for container health checks.",
            "Prints the endpoint's answer, which names what is not ready."
        })
final class HealthCommand implements Callable<Integer> {
    static final String DEFAULT_URL = "http://localhost:9464/health/ready";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--url",
            paramLabel = "URL",
            defaultValue = DEFAULT_URL,
            description = "The readiness endpoint to ask (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(
            names = "--live",
            description = "Ask the liveness endpoint (/health/live at the same host and port) instead.")
    boolean live;

    @Option(
            names = "--timeout",
            paramLabel = "D",
            defaultValue = "5s",
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws InterruptedException {
        Duration wait = dev.chathooks.api.HookConfig.parseDuration(timeout)
                .filter(d -> !d.isZero() && !d.isNegative())
                .orElseThrow(() -> new CliException(
                        "--timeout '" + timeout + "' is not a positive duration; use one such as 5s or 500ms"));
        URI target = target();
        PrintWriter out = spec.commandLine().getOut();
        HttpClient client = HttpClient.newBuilder().connectTimeout(wait).build();
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(target).timeout(wait).GET().build(), HttpResponse.BodyHandlers.ofString());
            out.print(response.statusCode() + " " + response.body().strip() + System.lineSeparator());
            out.flush();
            return response.statusCode() == 200 ? 0 : 1;
        } catch (ConnectException e) {
            return unhealthy("nothing answers at " + target + ": is Chat Hooks running there, with the management "
                    + "endpoint enabled on that port (management.port)?");
        } catch (HttpTimeoutException e) {
            return unhealthy(target + " did not answer within " + timeout);
        } catch (IOException e) {
            return unhealthy(target + " could not be asked: " + e);
        }
    }

    private URI target() {
        URI given;
        try {
            given = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CliException("--url '" + url + "' is not a URL; give one such as " + DEFAULT_URL);
        }
        if (!"http".equals(given.getScheme()) || given.getHost() == null) {
            throw new CliException(
                    "--url '" + url + "' is not an http URL with a host; give one such as " + DEFAULT_URL);
        }
        return live ? given.resolve("/health/live") : given;
    }

    private int unhealthy(String why) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("chat-hooks health: " + why);
        err.flush();
        return 1;
    }
}
