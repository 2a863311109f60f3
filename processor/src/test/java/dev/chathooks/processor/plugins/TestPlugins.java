package dev.chathooks.processor.plugins;

import dev.chathooks.api.ChatHook;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds the test plugins in {@code src/test/resources/plugins/<name>/} into JARs: the Java sources compiled with
 * {@code javax.tools} against the hook API (and, for some, the {@code helper-lib} plugin's classes), the other
 * files ({@code META-INF/services/...}) copied as they are. Each JAR is built once per test JVM, under
 * {@code target/test-plugins/<pid>/}.
 */
final class TestPlugins {
    /** Plugins whose sources use classes of other test plugins, which then are on their compile class path. */
    private static final Map<String, List<String>> COMPILED_AGAINST = Map.of(
            "needs-helper", List.of("helper-lib"),
            "missing-superclass", List.of("helper-lib"));

    private static final Map<String, Path> BUILT = new HashMap<>();

    private TestPlugins() {}

    /** The JAR of test plugin {@code name}, built on first use. */
    static synchronized Path jar(String name) {
        Path built = BUILT.get(name);
        if (built == null) {
            try {
                built = build(name);
            } catch (IOException | URISyntaxException e) {
                throw new IllegalStateException("cannot build test plugin " + name, e);
            }
            BUILT.put(name, built);
        }
        return built;
    }

    /** A copy of test plugin {@code name}'s JAR at {@code target}, for tests that need it under another path. */
    static Path copy(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return Files.copy(jar(name), target);
    }

    /** A new folder {@code parent/folder} holding the JARs of the named test plugins: together, one plugin. */
    static Path folder(Path parent, String folder, String... names) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(folder));
        for (String name : names) {
            Files.copy(jar(name), dir.resolve(name + ".jar"));
        }
        return dir;
    }

    /** A JAR at {@code target} holding test plugin {@code name} and a copy of every class of the hook API. */
    static Path withHookApiBundled(String name, Path target) throws IOException, URISyntaxException {
        Path sources = Path.of(TestPlugins.class.getResource("/plugins/" + name).toURI());
        Path classes = jar(name).getParent().resolve(name + "-classes");
        Files.createDirectories(target.getParent());
        writeJar(target, List.of(classes, sources, hookApiClasses()));
        return target;
    }

    /**
     * A host class loader that sees the test class path but none of its hook registrations, so that tests see
     * exactly the hooks they set up, whatever else registers hooks on the processor's test class path.
     */
    static ClassLoader hostWithoutHooks() {
        return new ClassLoader("test-host", TestPlugins.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.startsWith("META-INF/services/dev.chathooks.api.")) {
                    return Collections.emptyEnumeration();
                }
                return super.getResources(name);
            }
        };
    }

    /** Where the hook API's classes are: on the compile class path of every test plugin. */
    static Path hookApiClasses() {
        return location(ChatHook.class);
    }

    private static Path build(String name) throws IOException, URISyntaxException {
        URL resource = TestPlugins.class.getResource("/plugins/" + name);
        if (resource == null) {
            throw new IllegalArgumentException("no test plugin " + name + " in src/test/resources/plugins");
        }
        Path sources = Path.of(resource.toURI());
        // One folder per test JVM: surefire runs two at once, and both build the same plugins.
        Path work = location(TestPlugins.class)
                .getParent()
                .resolve("test-plugins")
                .resolve(Long.toString(ProcessHandle.current().pid()));
        Path classes = work.resolve(name + "-classes");
        deleteTree(classes);
        Files.createDirectories(classes);

        List<Path> javaFiles;
        try (Stream<Path> files = Files.walk(sources)) {
            javaFiles =
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        if (!javaFiles.isEmpty()) {
            List<Path> classPath = new ArrayList<>(List.of(hookApiClasses()));
            for (String dependency : COMPILED_AGAINST.getOrDefault(name, List.of())) {
                jar(dependency);
                classPath.add(work.resolve(dependency + "-classes"));
            }
            compile(javaFiles, classPath, classes);
        }
        Path jar = work.resolve(name + ".jar");
        writeJar(jar, List.of(classes, sources));
        return jar;
    }

    private static void compile(List<Path> javaFiles, List<Path> classPath, Path output) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = List.of(
                    "--release",
                    "17",
                    "-proc:none",
                    "-nowarn",
                    "-d",
                    output.toString(),
                    "-classpath",
                    classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
            boolean compiled = compiler.getTask(
                            null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(javaFiles))
                    .call();
            if (!compiled) {
                throw new IllegalStateException("test plugin sources do not compile: "
                        + diagnostics.getDiagnostics().stream()
                                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                                .map(Object::toString)
                                .toList());
            }
        }
    }

    /** Writes every file under {@code roots} but Java sources into {@code jar}, by path relative to its root. */
    private static void writeJar(Path jar, List<Path> roots) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Path root : roots) {
                List<Path> entries;
                try (Stream<Path> files = Files.walk(root)) {
                    entries = files.filter(Files::isRegularFile)
                            .filter(f -> !f.toString().endsWith(".java"))
                            .sorted()
                            .toList();
                }
                for (Path entry : entries) {
                    out.putNextEntry(
                            new JarEntry(root.relativize(entry).toString().replace(File.separatorChar, '/')));
                    Files.copy(entry, out);
                    out.closeEntry();
                }
            }
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
