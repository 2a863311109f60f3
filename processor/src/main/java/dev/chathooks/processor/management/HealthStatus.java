package dev.chathooks.processor.management;

import java.util.List;

/**
 * One health check's answer.
 *
 * @param problems what is wrong, each a sentence naming the part (never a user, a conversation or a secret);
 *     empty when healthy
 */
public record HealthStatus(List<String> problems) {
    public HealthStatus {
        problems = List.copyOf(problems);
    }

    /** Healthy. */
    public static HealthStatus up() {
        return new HealthStatus(List.of());
    }

    /** Unhealthy for one reason. */
    public static HealthStatus down(String problem) {
        return new HealthStatus(List.of(problem));
    }

    /** Whether nothing is wrong. */
    public boolean healthy() {
        return problems.isEmpty();
    }
}
