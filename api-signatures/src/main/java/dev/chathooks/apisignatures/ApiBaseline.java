package dev.chathooks.apisignatures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A checked-in file of signature lines, the API as it was last reviewed. With the system property
 * {@code api.update=true} the file is first rewritten from the code, so that a change of the API shows as a
 * reviewed diff of that file.
 *
 * @param removedOrChanged baseline lines the code no longer has: an incompatible change
 * @param added lines of the code the baseline does not have: the API grew (or a line changed)
 */
public record ApiBaseline(List<String> removedOrChanged, List<String> added) {

    /** Compares {@code actual} with the lines of {@code file} (blank lines ignored), after rewriting it if asked. */
    public static ApiBaseline compare(List<String> actual, Path file) throws IOException {
        if (Boolean.getBoolean("api.update")) {
            Files.write(file, actual, StandardCharsets.UTF_8);
        }
        List<String> baseline = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();
        return new ApiBaseline(
                baseline.stream().filter(line -> !actual.contains(line)).toList(),
                actual.stream().filter(line -> !baseline.contains(line)).toList());
    }
}
