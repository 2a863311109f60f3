package dev.chathooks.cli.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The figures a fault test measured: printed to its output, and appended to
 * {@code target/reliability-figures.txt} so that one run's figures can be read in one place.
 */
final class Figures {
    private static final Path FILE = Path.of("target", "reliability-figures.txt");

    private final String test;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();

    private Figures(String test) {
        this.test = test;
    }

    /** Figures of {@code test}, its clock started now. */
    static Figures of(String test) {
        return new Figures(test);
    }

    /** Records a figure. */
    Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /** Seconds since {@link #of}, to one decimal. */
    String elapsed() {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    /** Prints the figures and appends them to the figures file. */
    void report() {
        StringJoiner line = new StringJoiner(", ", "[reliability] " + test + ": ", "");
        values.forEach((name, value) -> line.add(name + "=" + value));
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(
                    FILE,
                    line + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[reliability] could not append to " + FILE + ": " + e);
        }
    }
}
