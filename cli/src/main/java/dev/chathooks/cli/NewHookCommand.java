package dev.chathooks.cli;

import dev.chathooks.processor.config.HookName;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat-hooks new-hook}: writes a ready hook project to start from. */
@Command(
        name = "new-hook",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a ready hook project into DIR: a pom.xml that builds the plugin folder, the hook class "
                    + "with one callback, its META-INF/services file, a test, and a README with the commands to test, "
                    + "package and replay through it."
        })
final class NewHookCommand implements Callable<Integer> {
    /** Lower-case words of letters and digits joined by single hyphens: a hook name that is also a class name. */
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder to write the project into: new or empty.")
    Path directory;

    @Option(
            names = "--name",
            required = true,
            paramLabel = "NAME",
            description = "The hook's name, such as audit-trail: its configuration keys are hook.NAME.*.")
    String name;

    @Option(
            names = "--package",
            required = true,
            paramLabel = "PKG",
            description = "The Java package of the hook class, such as com.example.chat.hooks.")
    String javaPackage;

    @Override
    public Integer call() throws IOException {
        // A hook name (HookName's rule) from which the project's class and artifact names are made: so it also
        // starts with a letter and has no empty word between hyphens.
        if (!HookName.isValid(name)
                || !Character.isLetter(name.charAt(0))
                || name.endsWith("-")
                || name.contains("--")) {
            throw new CliException("--name " + name + " is not a hook name: use lower-case letters and digits, "
                    + "starting with a letter, in words joined by single hyphens (such as audit-trail)");
        }
        if (!SourceVersion.isName(javaPackage)) {
            throw new CliException("--package " + javaPackage + " is not a Java package name: use dot-separated "
                    + "Java identifiers that are not keywords (such as com.example.chat.hooks)");
        }
        if (javaPackage.equals("java")
                || javaPackage.startsWith("java.")
                || javaPackage.equals("dev.chathooks.api")
                || javaPackage.startsWith("dev.chathooks.api.")) {
            throw new CliException("--package " + javaPackage + " belongs to "
                    + (javaPackage.startsWith("java")
                            ? "the JDK"
                            : "the hook API, which the processor shares with every plugin")
                    + "; use a package of your own (such as com.example.chat.hooks)");
        }
        requireNewOrEmpty(directory);
        HookProjectTemplate template = new HookProjectTemplate(name, javaPackage, cliJar());
        List<Path> files = template.writeTo(directory);
        PrintWriter out = spec.commandLine().getOut();
        out.println(
                "Wrote hook " + name + " (" + javaPackage + "." + template.className() + ") into " + directory + ":");
        files.forEach(file -> out.println("  " + file));
        out.println("Next: cd " + directory + " && mvn -B test (its README has the commands to package and replay).");
        return 0;
    }

    private static void requireNewOrEmpty(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        if (!Files.isDirectory(directory)) {
            throw new CliException("DIR " + directory + " is a file; give a new or empty folder for the project");
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                throw new CliException("DIR " + directory + " exists and is not empty; give a new or empty folder, "
                        + "so that nothing of yours is overwritten");
            }
        }
    }

    /** This CLI's JAR, so that the project's README can be followed as it is; a placeholder when run from classes. */
    private static String cliJar() {
        try {
            Path location = Path.of(NewHookCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (location.getFileName() != null
                    && location.getFileName().toString().endsWith(".jar")) {
                return location.toAbsolutePath().toString();
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException | NullPointerException e) {
            // fall through: the README then names the JAR generically
        }
        return "path/to/chat-hooks.jar";
    }
}
