package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.processor.json.Json;
import dev.chathooks.testsupport.TestJvm;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat-hooks new-hook} as a new hook author uses it: the project it writes builds offline with Maven, runs
 * its test, and its plugin folder replays a dump; bad names and a used folder are refused.
 */
class NewHookCommandTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path DUMP = REPO.resolve("examples/dumps/all-nine-kinds.jsonl");
    private static final Pattern PINNED_PLUGIN =
            Pattern.compile("<artifactId>(maven-[a-z-]+-plugin)</artifactId>\\s*<version>([^<]+)</version>");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ChatHooksCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void writesThePomTheHookItsServicesFileATestAndAReadme() throws IOException {
        Path project = dir.resolve("audit");

        int exit = run("new-hook", project.toString(), "--name", "audit-trail", "--package", "com.example.hooks");

        assertThat(exit).as(err.toString()).isZero();
        Path hook = project.resolve("src/main/java/com/example/hooks/AuditTrailHook.java");
        assertThat(Files.readString(hook))
                .contains("package com.example.hooks;")
                .contains("public final class AuditTrailHook implements ChatHook")
                .contains("return \"audit-trail\";");
        assertThat(Files.readString(project.resolve("src/main/resources/META-INF/services/dev.chathooks.api.ChatHook"))
                        .trim())
                .isEqualTo("com.example.hooks.AuditTrailHook");
        assertThat(Files.readString(project.resolve("src/test/java/com/example/hooks/AuditTrailHookTest.java")))
                .contains("HookTester.of(new AuditTrailHook())")
                .contains("ChatTraffic.create()")
                .doesNotContain("TESTKIT-TESTER");
        String pom = Files.readString(project.resolve("pom.xml"));
        assertThat(pom)
                .doesNotContain("{{")
                .contains("<artifactId>hook-api</artifactId>")
                .contains("<chat-hooks.version>0.1.0-SNAPSHOT</chat-hooks.version>")
                .contains("<outputDirectory>${project.build.directory}/plugin</outputDirectory>");
        assertThat(Files.readString(project.resolve("README.md")))
                .contains("mvn -B test")
                .contains("mvn -B -q package")
                .contains("replay --plugins target/plugin");
        assertThat(out.toString()).contains("Wrote hook audit-trail (com.example.hooks.AuditTrailHook)");
    }

    @Test
    void theProjectPinsEveryPluginAtTheVersionChatHooksBuildsWith() throws IOException {
        run("new-hook", dir.resolve("p").toString(), "--name", "pinned", "--package", "com.example");
        Map<String, String> generated = pinnedPlugins(Files.readString(dir.resolve("p/pom.xml")));
        Map<String, String> parent = pinnedPlugins(Files.readString(REPO.resolve("pom.xml")));

        assertThat(generated.keySet())
                .contains(
                        "maven-clean-plugin",
                        "maven-resources-plugin",
                        "maven-compiler-plugin",
                        "maven-surefire-plugin",
                        "maven-jar-plugin",
                        "maven-dependency-plugin",
                        "maven-install-plugin",
                        "maven-deploy-plugin",
                        "maven-site-plugin");
        generated.forEach((plugin, version) -> assertThat(version).as(plugin).isEqualTo(parent.get(plugin)));
    }

    private static Map<String, String> pinnedPlugins(String pom) {
        Map<String, String> versions = new LinkedHashMap<>();
        Matcher matcher = PINNED_PLUGIN.matcher(pom);
        while (matcher.find()) {
            versions.put(matcher.group(1), matcher.group(2));
        }
        return versions;
    }

    @Test
    void aNameThatIsNotAHookNameIsRefusedSayingWhatIsValid() {
        int exit = run("new-hook", dir.resolve("x").toString(), "--name", "Audit_Trail", "--package", "com.example");

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString())
                .contains("--name Audit_Trail is not a hook name")
                .contains("audit-trail");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void aPackageThatIsNotAJavaPackageIsRefusedSayingWhatIsValid() {
        int exit = run("new-hook", dir.resolve("x").toString(), "--name", "audit", "--package", "com.example.class");

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("--package com.example.class is not a Java package name");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void theHookApisPackageIsRefused() {
        int exit = run("new-hook", dir.resolve("x").toString(), "--name", "audit", "--package", "dev.chathooks.api");

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("belongs to the hook API");
    }

    @Test
    void anExistingFolderThatIsNotEmptyIsRefusedAndLeftAsItWas() throws IOException {
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "mine");

        int exit = run("new-hook", used.toString(), "--name", "audit", "--package", "com.example");

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("exists and is not empty");
        try (Stream<Path> files = Files.list(used)) {
            assertThat(files).containsExactly(used.resolve("notes.txt"));
        }
    }

    @Test
    void theProjectBuildsOfflineRunsItsTestAndItsPluginFolderReplaysADump() throws Exception {
        Optional<Path> mvn = onPath("mvn");
        assumeTrue(mvn.isPresent(), "no mvn on the PATH");
        Path localRepository =
                Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        for (String artifact : List.of("hook-api", "hook-testkit", "processor")) {
            assumeTrue(
                    Files.isDirectory(localRepository.resolve("dev/chathooks/" + artifact + "/0.1.0-SNAPSHOT")),
                    "dev.chathooks:" + artifact + " is not in " + localRepository + ": build with `mvn install`");
        }
        Path project = dir.resolve("greeter");
        assertThat(run("new-hook", project.toString(), "--name", "greeter", "--package", "com.example.greeter"))
                .as(err.toString())
                .isZero();

        List<String> command = new ArrayList<>(List.of(mvn.get().toString(), "-B", "-o", "-q", "package"));
        if (System.getProperty("maven.repo.local") != null) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        Path buildLog = dir.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(buildLog.toFile());
        // Maven's own JVM as the tests' (TestJvm); the generated project's build itself is as a user runs it.
        TestJvm.addTo(builder.environment(), "MAVEN_OPTS");
        Process build = builder.start();
        assertThat(build.waitFor(15, TimeUnit.MINUTES)).as("the build ends").isTrue();
        assertThat(build.exitValue()).as(Files.readString(buildLog)).isZero();
        String report = Files.readString(
                project.resolve("target/surefire-reports/TEST-com.example.greeter.GreeterHookTest.xml"));
        assertThat(report).contains("tests=\"1\"").contains("failures=\"0\"").contains("errors=\"0\"");
        Path plugin = project.resolve("target/plugin");
        assertThat(plugin.resolve("greeter-0.1.0-SNAPSHOT.jar")).exists();

        Path calls = dir.resolve("calls.jsonl");
        int exit =
                run("replay", "--input", DUMP.toString(), "--output", calls.toString(), "--plugins", plugin.toString());

        assertThat(exit).as(err.toString()).isZero();
        List<JsonNode> sent = new ArrayList<>();
        for (String line : Files.readAllLines(calls, StandardCharsets.UTF_8)) {
            JsonNode call = Json.fileMapper().readTree(line);
            if (call.path("kind").asText().equals("after_message_sent")) {
                sent.add(call);
            }
        }
        assertThat(sent)
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.path("hooks").toString()).isEqualTo("[\"greeter\"]"));
        assertThat(err.toString()).contains("A hook wrote to topic greeter.recipients");
    }

    private static Optional<Path> onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
