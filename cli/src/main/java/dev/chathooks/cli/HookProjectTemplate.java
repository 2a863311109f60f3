package dev.chathooks.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The files of a new hook project, made from the templates in this package's {@code newhook} resources: every
 * {@code {{placeholder}}} replaced by the project's names and the versions this CLI was built with.
 */
final class HookProjectTemplate {
    private static final String RESOURCES = "newhook/";
    private static final String SERVICES_FILE = "src/main/resources/META-INF/services/dev.chathooks.api.ChatHook";

    private final Map<String, String> values = new LinkedHashMap<>();
    private final String className;
    private final String packagePath;

    /**
     * @param name the hook's name, as {@link NewHookCommand} checked it
     * @param javaPackage the hook's Java package, as {@link NewHookCommand} checked it
     * @param cliJar how the project's README names this CLI's JAR
     */
    HookProjectTemplate(String name, String javaPackage, String cliJar) {
        this.className = className(name);
        this.packagePath = javaPackage.replace('.', '/');
        Properties versions = versions();
        values.put("name", name);
        values.put("package", javaPackage);
        values.put("class", className);
        values.put("chatHooksVersion", versions.getProperty("chat-hooks"));
        values.put("junitVersion", versions.getProperty("junit"));
        values.put("cliJar", cliJar);
    }

    /**
     * The hook class's simple name: the name's words capitalized, then {@code Hook} ({@code audit-trail} makes
     * {@code AuditTrailHook}).
     */
    static String className(String name) {
        StringBuilder simple = new StringBuilder();
        for (String word : name.split("-")) {
            simple.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return simple.append("Hook").toString();
    }

    String className() {
        return className;
    }

    /**
     * Writes the project into {@code directory}, which must be new or empty.
     *
     * @return the files written, relative to {@code directory}
     */
    List<Path> writeTo(Path directory) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", render("pom.xml.template"));
        files.put("README.md", render("README.md.template"));
        files.put(".gitignore", render("gitignore.template"));
        files.put("src/main/java/" + packagePath + "/" + className + ".java", render("Hook.java.template"));
        files.put(SERVICES_FILE, values.get("package") + "." + className + "\n");
        files.put("src/test/java/" + packagePath + "/" + className + "Test.java", render("HookTest.java.template"));
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = directory.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            written.add(Path.of(file.getKey()));
        }
        return written;
    }

    private String render(String template) {
        String text = resource(template);
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        if (text.contains("{{")) {
            throw new IllegalStateException("template " + template + " has a placeholder with no value: "
                    + text.substring(text.indexOf("{{"), Math.min(text.length(), text.indexOf("{{") + 40)));
        }
        return text;
    }

    /** The version of Chat Hooks this CLI was built as, such as {@code 0.1.0-SNAPSHOT}. */
    static String chatHooksVersion() {
        return versions().getProperty("chat-hooks");
    }

    private static Properties versions() {
        Properties versions = new Properties();
        try (InputStream in = HookProjectTemplate.class.getResourceAsStream(RESOURCES + "versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("the CLI was built without " + RESOURCES + "versions.properties");
            }
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    private static String resource(String template) {
        try (InputStream in = HookProjectTemplate.class.getResourceAsStream(RESOURCES + template)) {
            if (in == null) {
                throw new IllegalStateException("the CLI was built without the template " + RESOURCES + template);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
