package dev.chathooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.api.ChatHook;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Write a hook" section cannot rot: its hook and its test on the kit are each at most 15 lines, both
 * compile against hook-api, the kit and JUnit, and the test passes.
 */
class ReadmeExampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("class (\\w+)");

    @TempDir
    Path dir;

    private static List<String> javaBlocksOfTheWriteAHookSection() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Write a hook");
        assertThat(start).as("the README has a 'Write a hook' section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        Matcher blocks = JAVA_BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            found.add(blocks.group(1));
        }
        return found;
    }

    private static String className(String source) {
        Matcher matcher = CLASS_NAME.matcher(source);
        assertThat(matcher.find()).as("a class in\n" + source).isTrue();
        return matcher.group(1);
    }

    @Test
    void theHookAndItsTestAreAtMostFifteenLinesEach() throws IOException {
        List<String> blocks = javaBlocksOfTheWriteAHookSection();

        assertThat(blocks).hasSize(2);
        assertThat(blocks).allSatisfy(block -> assertThat(block.lines().count()).isLessThanOrEqualTo(15));
    }

    @Test
    void theHookAndItsTestCompileAndTheTestPasses() throws Exception {
        List<String> blocks = javaBlocksOfTheWriteAHookSection();
        List<File> sources = new ArrayList<>();
        for (String block : blocks) {
            Path source = dir.resolve("src").resolve(className(block) + ".java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, block);
            sources.add(source.toFile());
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = compiler.getTask(
                        diagnostics,
                        null,
                        null,
                        List.of("-classpath", classPath(), "-d", classes.toString(), "--release", "17"),
                        null,
                        compiler.getStandardFileManager(null, null, null).getJavaFileObjectsFromFiles(sources))
                .call();
        assertThat(compiled).as(diagnostics.toString()).isTrue();

        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            assertThat(ChatHook.class).isAssignableFrom(loader.loadClass(className(blocks.get(0))));
            Class<?> testClass = loader.loadClass(className(blocks.get(1)));
            int ran = 0;
            for (Method method : testClass.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class)) {
                    Constructor<?> constructor = testClass.getDeclaredConstructor();
                    constructor.setAccessible(true);
                    method.setAccessible(true);
                    try {
                        method.invoke(constructor.newInstance());
                    } catch (InvocationTargetException e) {
                        throw new AssertionError("The README's test " + method.getName() + " fails", e.getCause());
                    }
                    ran++;
                }
            }
            assertThat(ran).as("tests run").isPositive();
        }
    }

    /** The test's class path, and the folders and JARs of the API, the kit and JUnit, wherever the runner put them. */
    private static String classPath() throws URISyntaxException {
        Set<String> entries = new LinkedHashSet<>(
                List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (Class<?> type : List.of(ChatHook.class, HookTester.class, Test.class)) {
            entries.add(Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
