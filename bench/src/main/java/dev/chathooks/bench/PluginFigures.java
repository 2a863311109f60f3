package dev.chathooks.bench;

import dev.chathooks.bench.push.FanoutBenchmark;
import dev.chathooks.bench.webhook.WebhookBenchmark;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** The figures of the example plugins: the push hook's fan-out and the webhook hook's calls, each against direct. */
final class PluginFigures {
    private PluginFigures() {}

    /** Push fan-out through the push hook and directly, to APNs and FCM mocks. */
    static void fanout(BenchSizes sizes, Consumer<String> progress, BenchReport report) throws Exception {
        progress.accept(String.format(
                Locale.ROOT,
                "5/7 Push fan-out to a %,d-member conversation, hook and direct, APNs and FCM (median of %d rounds)",
                sizes.fanoutMembers(),
                sizes.fanoutRounds()));
        Map<String, Double> rates =
                FanoutBenchmark.run(sizes.fanoutMembers(), sizes.fanoutRounds(), sizes.pluginWarmUp());
        put(
                report,
                "the push plugin's benchmark",
                rates,
                "apns_push_per_s",
                "apns_raw_per_s",
                "fcm_push_per_s",
                "fcm_raw_per_s");
        report.note(String.format(
                Locale.ROOT,
                "push: notifications/s to %,d members on local mock servers, median of %d rounds",
                sizes.fanoutMembers(),
                sizes.fanoutRounds()));
    }

    /** Webhook calls through the webhook hook and by a bare JDK client, to a local endpoint. */
    static void webhook(BenchSizes sizes, Consumer<String> progress, BenchReport report) throws Exception {
        progress.accept(String.format(
                Locale.ROOT,
                "6/7 Webhook calls to a local endpoint, hook and bare JDK HttpClient (%,d calls, median of %d rounds)",
                sizes.webhookCalls(),
                sizes.webhookRounds()));
        Map<String, Double> rates =
                WebhookBenchmark.run(sizes.webhookCalls(), sizes.webhookRounds(), sizes.pluginWarmUp());
        put(report, "the webhook benchmark", rates, "webhook_per_s", "webhook_raw_per_s");
        report.note(String.format(
                Locale.ROOT,
                "webhook: signed calls/s to a local HTTP endpoint, %d in flight, %,d calls per round, median of %d"
                        + " rounds",
                WebhookBenchmark.MAX_IN_FLIGHT,
                sizes.webhookCalls(),
                sizes.webhookRounds()));
    }

    private static void put(BenchReport report, String source, Map<String, Double> rates, String... keys) {
        for (String key : List.of(keys)) {
            Double rate = rates.get(key);
            if (rate == null) {
                throw new IllegalStateException(source + " gave no " + key + ": " + rates);
            }
            report.put(key, rate);
        }
    }
}
