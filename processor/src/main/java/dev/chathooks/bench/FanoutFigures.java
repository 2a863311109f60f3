package dev.chathooks.bench;

import dev.chathooks.plugins.ContextClassLoaderSwap;
import dev.chathooks.plugins.LoadedHook;
import dev.chathooks.plugins.PluginLoader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The push figures, measured by the push plugin's own {@code FanoutBenchmark} (its hook against Pushy's mock APNs
 * server and a local FCM v1 endpoint, next to Pushy and the Firebase SDK sending the same notifications directly).
 * The processor does not depend on Pushy or Firebase: the plugin folder is loaded in its own class loader, as a
 * hook would be, and the benchmark is called by reflection.
 */
final class FanoutFigures {
    static final String BENCHMARK_CLASS = "dev.chathooks.examples.push.bench.FanoutBenchmark";

    private FanoutFigures() {
    }

    /**
     * Runs the benchmark of the plugin at {@code pushPlugin}.
     *
     * @return {@code apns_push_per_s}, {@code apns_raw_per_s}, {@code fcm_push_per_s}, {@code fcm_raw_per_s}
     * @throws IllegalStateException if the plugin has no such benchmark, or it fails
     */
    @SuppressWarnings("try") // the swap is used for its effect on the thread
    static Map<String, Double> measure(Path pushPlugin, int members, int rounds) throws Exception {
        try (PluginLoader loader = new PluginLoader(FanoutFigures.class.getClassLoader())) {
            List<LoadedHook> hooks = loader.load(List.of(pushPlugin));
            LoadedHook push = hooks.stream().filter(hook -> hook.pluginPath().isPresent()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no hook found in " + pushPlugin));
            Method run;
            try {
                run = Class.forName(BENCHMARK_CLASS, true, push.classLoader()).getMethod("run", int.class, int.class);
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                throw new IllegalStateException(pushPlugin + " is not the push plugin: it has no " + BENCHMARK_CLASS
                        + ".run(int, int)", e);
            }
            Object result;
            try (ContextClassLoaderSwap swap = push.swapContextClassLoader()) {
                result = run.invoke(null, members, rounds);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            Map<String, Double> rates = new LinkedHashMap<>();
            ((Map<?, ?>) result).forEach((key, value) -> rates.put(key.toString(), ((Number) value).doubleValue()));
            return rates;
        }
    }
}
