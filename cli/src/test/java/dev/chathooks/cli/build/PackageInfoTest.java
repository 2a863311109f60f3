package dev.chathooks.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every main package of every module of the repository says what it is for: it has a {@code package-info.java} with a
 * javadoc comment of at least a sentence. The test reads the sources of all modules from the checkout (the CLI's
 * tests run from {@code cli/}), so a new package anywhere fails here until it is described.
 */
class PackageInfoTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** A javadoc comment with some words in it, before the package declaration. */
    private static final Pattern DESCRIBED = Pattern.compile("(?s)/\\*\\*\\s*\\*?\\s*\\S.{20,}?\\*/\\s*package\\s");

    @Test
    void everyMainPackageHasAPackageInfoSayingWhatItIsFor() throws IOException {
        List<Path> roots = mainSourceRoots();
        assertThat(roots)
                .as("main source folders found from %s", REPO)
                .contains(
                        REPO.resolve("hook-api/src/main/java"),
                        REPO.resolve("processor/src/main/java"),
                        REPO.resolve("cli/src/main/java"),
                        REPO.resolve("examples/webhook/src/main/java"));

        List<String> undescribed = new ArrayList<>();
        for (Path root : roots) {
            for (Path folder : packageFolders(root)) {
                Path info = folder.resolve("package-info.java");
                if (!Files.exists(info)
                        || !DESCRIBED.matcher(Files.readString(info)).find()) {
                    undescribed.add(REPO.relativize(folder).toString());
                }
            }
        }
        assertThat(undescribed)
                .as("these main packages need a package-info.java whose javadoc says what the package is for")
                .isEmpty();
    }

    /** {@code <module>/src/main/java} and {@code examples/<example>/src/main/java}. */
    static List<Path> mainSourceRoots() throws IOException {
        TreeSet<Path> roots = new TreeSet<>();
        try (Stream<Path> paths = Files.find(
                REPO,
                5,
                (path, attributes) -> attributes.isDirectory() && path.endsWith(Path.of("src", "main", "java")))) {
            paths.filter(path -> !REPO.relativize(path).toString().contains("target"))
                    .forEach(roots::add);
        }
        return new ArrayList<>(roots);
    }

    /** The folders under a source root that hold Java files: its packages. */
    static List<Path> packageFolders(Path root) throws IOException {
        TreeSet<Path> folders = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".java"))
                    .map(Path::getParent)
                    .forEach(folders::add);
        }
        return new ArrayList<>(folders);
    }
}
