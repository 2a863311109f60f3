package dev.chathooks.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the example hooks' plugin folders of a build ({@code examples/<name>/target/plugin}), looking up from where
 * chat-hooks.jar (or its classes) is, so that {@code demo} works from any directory of a checkout.
 */
final class ExamplePlugins {
    private static final List<String> EXAMPLES = List.of("logging-hook", "push-notification");

    private ExamplePlugins() {}

    /** The plugin folders found, empty if this is not a build of the repository. */
    static List<Path> find() {
        List<Path> found = new ArrayList<>();
        Path start;
        try {
            start = Path.of(ExamplePlugins.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return found;
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples"))) {
                for (String example : EXAMPLES) {
                    Path plugin = dir.resolve("examples")
                            .resolve(example)
                            .resolve("target")
                            .resolve("plugin");
                    if (Files.isDirectory(plugin)) {
                        found.add(plugin);
                    }
                }
                return found;
            }
        }
        return found;
    }
}
