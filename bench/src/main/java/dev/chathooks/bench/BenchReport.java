package dev.chathooks.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one {@code chat-hooks bench} run under the keys the benchmark issue names, with what each was
 * measured against; printed as a table and written as a flat JSON object of those keys.
 */
public final class BenchReport {
    /** Every key of a complete report, in the order printed. */
    public static final List<String> KEYS = List.of(
            "consumer_events_per_s",
            "consumer_cpu_us_per_event",
            "passthrough_events_per_s",
            "pipeline_events_per_s",
            "pipeline_vs_passthrough",
            "passthrough_cpu_us_per_event",
            "pipeline_cpu_us_per_event",
            "passthrough_warm_events_per_s",
            "pipeline_warm_events_per_s",
            "pipeline_warm_vs_passthrough",
            "passthrough_warm_cpu_us_per_event",
            "pipeline_warm_cpu_us_per_event",
            "pipeline_warm_cpu_vs_passthrough",
            "passthrough_warm_jit_ms_per_s",
            "pipeline_warm_jit_ms_per_s",
            "pipeline_warm_pass",
            "pipeline_pass2_cpu_us_per_event",
            "two_hop_floor_cpu_vs_passthrough",
            "latency_p50_ms",
            "latency_p99_ms",
            "latency_max_ms",
            "latency_floor_p50_ms",
            "latency_floor_p99_ms",
            "latency_cpu_us_per_event",
            "latency_floor_cpu_us_per_event",
            "latency_sender_cpu_us_per_event",
            "apns_push_per_s",
            "apns_raw_per_s",
            "fcm_push_per_s",
            "fcm_raw_per_s",
            "webhook_per_s",
            "webhook_raw_per_s",
            "startup_ms",
            "startup_cds_ms",
            "peak_heap_mb");

    private final String title;
    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** @param title what was run: sizes, machine */
    public BenchReport(String title) {
        this.title = title;
    }

    /**
     * Records {@code key}, one of {@link #KEYS}.
     *
     * @throws IllegalArgumentException for an unknown key, or a value that is not a finite number of at least 0
     */
    public void put(String key, double value) {
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("unknown figure " + key + "; one of " + KEYS);
        }
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(
                    "the measurement of " + key + " came out as " + value + "; it ran too briefly to time");
        }
        figures.put(key, value);
    }

    /** Adds a line printed under the table: how much was measured, what a figure depends on. */
    public void note(String note) {
        notes.add(note);
    }

    /** The figures measured so far, by key, in the order of {@link #KEYS}. */
    public Map<String, Double> figures() {
        Map<String, Double> ordered = new LinkedHashMap<>();
        KEYS.stream().filter(figures::containsKey).forEach(key -> ordered.put(key, figures.get(key)));
        return Collections.unmodifiableMap(ordered);
    }

    /** The table: each figure, its target where the issue sets one, and whether it is met. */
    public String table() {
        StringBuilder out = new StringBuilder(title).append('\n');
        out.append(String.format(Locale.ROOT, "%-34s %10s  %s%n", "figure", "value", "target"));
        for (Map.Entry<String, Double> entry : figures().entrySet()) {
            String target = target(entry.getKey());
            out.append(String.format(
                    Locale.ROOT,
                    "%-34s %10s  %s%n",
                    entry.getKey(),
                    format(entry.getValue()),
                    target.isEmpty() ? "" : target + (met(entry.getKey()) ? "  met" : "  MISSED")));
        }
        notes.forEach(note -> out.append("  ").append(note).append('\n'));
        return out.toString();
    }

    /** Writes the figures as one JSON object, keys as in {@link #KEYS}. */
    public void writeJson(Path file) throws IOException {
        ObjectNode json = Json.object();
        figures().forEach((key, value) -> json.put(key, rounded(value)));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
    }

    private static String target(String key) {
        return switch (key) {
            case "pipeline_vs_passthrough" -> ">= 0.6";
            case "latency_p99_ms" -> "<= 20";
            case "apns_push_per_s" -> ">= 0.8 x apns_raw_per_s";
            case "fcm_push_per_s" -> ">= 0.8 x fcm_raw_per_s";
            case "webhook_per_s" -> ">= 0.8 x webhook_raw_per_s";
            case "pipeline_warm_cpu_vs_passthrough" -> "<= 2.5";
            case "latency_p50_ms" -> "<= 5";
            case "startup_ms", "startup_cds_ms" -> "< 4000";
            default -> "";
        };
    }

    private boolean met(String key) {
        double value = figures.get(key);
        return switch (key) {
            case "pipeline_vs_passthrough" -> value >= 0.6;
            case "latency_p99_ms" -> value <= 20;
            case "apns_push_per_s" -> value >= 0.8 * figures.getOrDefault("apns_raw_per_s", Double.MAX_VALUE);
            case "fcm_push_per_s" -> value >= 0.8 * figures.getOrDefault("fcm_raw_per_s", Double.MAX_VALUE);
            case "webhook_per_s" -> value >= 0.8 * figures.getOrDefault("webhook_raw_per_s", Double.MAX_VALUE);
            case "pipeline_warm_cpu_vs_passthrough" -> value <= 2.5;
            case "latency_p50_ms" -> value <= 5;
            case "startup_ms", "startup_cds_ms" -> value < 4000;
            default -> true;
        };
    }

    private static String format(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Rates and sizes as whole numbers, ratios and milliseconds to three decimals. */
    private static BigDecimal rounded(double value) {
        BigDecimal decimal = BigDecimal.valueOf(value);
        return value >= 100 ? decimal.setScale(0, RoundingMode.HALF_UP) : decimal.setScale(3, RoundingMode.HALF_UP);
    }

    @Override
    public String toString() {
        return table();
    }
}
