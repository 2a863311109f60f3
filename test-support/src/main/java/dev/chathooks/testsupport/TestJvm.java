package dev.chathooks.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JVMs a test starts (brokers, {@code chat-hooks} instances, the bench, builds) run as the test's own JVM: the
 * same {@code java} launcher, with the build's {@code test.jvm.options}, which surefire passes as the system property
 * {@value #PROPERTY}. By default that stops the JIT at C1: a test's JVM lives for seconds to a minute, in which C2
 * spends about half of its CPU compiling, and on 2 cores the suite is CPU-bound. Behaviour does not depend on the
 * tier; {@code mvn install -Dtest.jvm.options=} runs every test JVM with the full JIT.
 */
public final class TestJvm {
    /** The system property that holds the options, separated by spaces; none when it is absent or blank. */
    public static final String PROPERTY = "chathooks.test.jvm-options";

    private TestJvm() {}

    /** The options of the tests' JVMs; empty outside the build. */
    public static List<String> options() {
        String options = System.getProperty(PROPERTY, "").strip();
        return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
    }

    /**
     * The start of a command that runs a JVM as the tests' own: this JVM's {@code java} launcher and
     * {@link #options()}, in a list to which the caller adds its own options, the class path and the main class.
     */
    public static List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options());
        return command;
    }

    /**
     * Adds {@link #options()} to the options that {@code variable} of {@code environment} holds (for JVMs a test
     * starts through a launcher of their own: {@code JDK_JAVA_OPTIONS} for {@code java} in a shell script,
     * {@code MAVEN_OPTS} for Maven), after any the variable already holds.
     */
    public static void addTo(Map<String, String> environment, String variable) {
        String options = String.join(" ", options());
        if (!options.isEmpty()) {
            environment.merge(variable, options, (before, added) -> before + " " + added);
        }
    }
}
