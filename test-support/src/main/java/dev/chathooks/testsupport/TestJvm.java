package dev.chathooks.testsupport;

import java.util.Arrays;
import java.util.List;

/**
 * The JVM options of the JVMs a test starts (brokers, {@code chat-hooks} instances, builds), the same as those of
 * the test's own JVM: the build's {@code test.jvm.options} property, which surefire passes as the system property
 * {@value #PROPERTY}. By default that stops the JIT at C1: a test's JVM lives for seconds to a minute, in which C2
 * spends about half of its CPU compiling, and on 2 cores the suite is CPU-bound. Behaviour does not depend on the
 * tier; {@code mvn install -Dtest.jvm.options=} runs every test JVM with the full JIT.
 */
public final class TestJvm {
    /** The system property that holds the options, separated by spaces; none when it is absent or blank. */
    public static final String PROPERTY = "chathooks.test.jvm-options";

    private TestJvm() {}

    /** The options to put before the main class of a JVM a test starts; empty outside the build. */
    public static List<String> options() {
        String options = System.getProperty(PROPERTY, "").strip();
        return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
    }

    /** The options as one string, for {@code MAVEN_OPTS} and {@code JDK_JAVA_OPTIONS}. */
    public static String optionsLine() {
        return String.join(" ", options());
    }
}
