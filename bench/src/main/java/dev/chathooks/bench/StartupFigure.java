package dev.chathooks.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Times start-up honestly: each run is a fresh JVM ({@link StartupProbe}, on this process's class path, with the
 * JVM's default options), from the JVM's start to the first hook call, the embedded broker's start included.
 */
final class StartupFigure {
    /** What one fresh process reported, in milliseconds since its JVM started. */
    record Run(long readyMillis, long firstCallMillis) {}

    private StartupFigure() {}

    /**
     * Starts {@link StartupProbe} in a new JVM with its data under {@code workDir}.
     *
     * @throws IllegalStateException if the process fails or does not report within two minutes; the message
     *                               holds the end of its log
     */
    static Run measureOnce(Path workDir) throws IOException, InterruptedException {
        return measureOnce(workDir, List.of());
    }

    /**
     * The JVM options that make a start-up use an application class-data-sharing archive at {@code archive},
     * as the image does (docs/operations.md): on JDK 19 and later the JVM makes the archive itself when it is missing
     * or stale ({@code -XX:+AutoCreateSharedArchive}); on JDK 17 a first run writes it at exit
     * ({@code -XX:ArchiveClassesAtExit}) and later ones read it.
     */
    static List<String> sharedArchiveOptions(Path archive) {
        if (Runtime.version().feature() >= 19) {
            return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive);
        }
        return Files.exists(archive)
                ? List.of("-XX:SharedArchiveFile=" + archive)
                : List.of("-XX:ArchiveClassesAtExit=" + archive);
    }

    /** As {@link #measureOnce(Path)}, with these JVM options. */
    static Run measureOnce(Path workDir, List<String> jvmOptions) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory(workDir, "startup");
        Path log = workDir.resolve(dataDir.getFileName() + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                StartupProbe.class.getName(),
                dataDir.resolve("data").toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CHAT_HOOKS_LOGGING_LEVEL", "WARN");
        builder.redirectErrorStream(false).redirectError(log.toFile());
        Process process = builder.start();
        Map<String, String> reported = new HashMap<>();
        List<String> lines = new ArrayList<>();
        try (var reader = process.inputReader()) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
                int equals = line.indexOf('=');
                if (equals > 0) {
                    reported.put(line.substring(0, equals), line.substring(equals + 1));
                }
                if (reported.containsKey("startup_ms") || reported.containsKey("error")) {
                    break;
                }
            }
        }
        // The probe closes its runtime after reporting; that is not start-up, so it is not waited for long (but long
        // enough for a JVM that writes its class-data archive at exit).
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (!reported.containsKey("startup_ms") || !reported.containsKey("ready_ms")) {
            throw new IllegalStateException("the start-up probe reported " + lines + " and exited "
                    + (process.isAlive() ? "not at all" : process.exitValue()) + "; the end of its log:\n"
                    + tail(log));
        }
        return new Run(Long.parseLong(reported.get("ready_ms")), Long.parseLong(reported.get("startup_ms")));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Measures {@code runs} fresh processes without and with an AppCDS archive, taking turns, after one untimed
     * process that makes the archive, and puts the medians in {@code report} ({@code startup_ms},
     * {@code startup_cds_ms}).
     */
    static void measure(Path workDir, int runs, Consumer<String> progress, BenchReport report)
            throws IOException, InterruptedException {
        Path archive = workDir.resolve("startup.jsa");
        try {
            measureOnce(workDir, sharedArchiveOptions(archive)); // makes the archive
        } catch (IllegalStateException e) {
            // A JVM that records its classes is slow, and may miss the probe's deadline on a loaded machine; it
            // still writes the archive as it exits. A missing archive only makes the runs below make it again.
            progress.accept("The run that makes the class-data archive did not complete: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        List<Run> plain = new ArrayList<>();
        List<Run> shared = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            plain.add(measureOnce(workDir));
            shared.add(measureOnce(workDir, sharedArchiveOptions(archive)));
        }
        report.put("startup_ms", median(plain).firstCallMillis());
        report.put("startup_cds_ms", median(shared).firstCallMillis());
        report.note(String.format(
                Locale.ROOT,
                "start-up: JVM start to first hook call, median of %d fresh"
                        + " processes (runtime started after %d ms); all: %s; with an AppCDS archive (%s): %s",
                runs,
                median(plain).readyMillis(),
                millis(plain),
                String.join(" ", sharedArchiveOptions(archive)).replace(archive.toString(), "FILE"),
                millis(shared)));
    }

    private static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingLong(Run::firstCallMillis));
        return sorted.get(sorted.size() / 2);
    }

    private static List<String> millis(List<Run> runs) {
        return runs.stream().map(run -> Long.toString(run.firstCallMillis())).toList();
    }
}
