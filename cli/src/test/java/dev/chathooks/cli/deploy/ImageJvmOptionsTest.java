package dev.chathooks.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JVM options of the image's entry point, given to a real JVM: it accepts them, and they choose the collector
 * the image was measured with even where the JVM's own ergonomics would choose another. A JVM picks the serial
 * collector on what it does not count as a server-class machine (fewer than two CPUs, or less than about 1.75 GiB
 * of memory, which in a container are its limits), so a 1 GiB container, the size docs/operations.md recommends,
 * would run the serial collector unless the entry point names G1. One CPU stands in for a small container here:
 * the memory a JVM sees cannot be lowered without one.
 */
class ImageJvmOptionsTest {

    @Test
    void theEntryPointsOptionsStartAJvmWithG1OnAMachineTooSmallForItsErgonomicsToChooseG1()
            throws IOException, InterruptedException {
        // Up to JDK 25 at least, a JVM on one CPU chooses the serial collector (JDK 17 and Temurin 25 checked):
        // without -XX:+UseG1GC in the entry point this fails.
        List<String> options = new ArrayList<>(entryPointJvmOptions());
        options.add("-XX:ActiveProcessorCount=1");
        List<String> image = finalFlags(options);

        assertThat(flag(image, "UseG1GC")).isEqualTo("true");
        assertThat(flag(image, "UseSerialGC")).isEqualTo("false");
        assertThat(flag(image, "MaxRAMPercentage")).startsWith("50");
        assertThat(flag(image, "ExitOnOutOfMemoryError")).isEqualTo("true");
    }

    /**
     * The entry point's options before {@code -jar}, but for the class-data archive, which only the image's build
     * makes (a JVM that cannot map it starts without it).
     */
    private static List<String> entryPointJvmOptions() {
        List<String> entrypoint = DeploymentFiles.execForm(
                DeploymentFiles.finalStage("ENTRYPOINT").get(0), "ENTRYPOINT");
        assertThat(entrypoint).first().isEqualTo("java");
        return entrypoint.subList(1, entrypoint.indexOf("-jar")).stream()
                .filter(option -> !option.startsWith("-XX:SharedArchiveFile="))
                .toList();
    }

    /** {@code -XX:+PrintFlagsFinal} of a JVM started with the options: exits 0, or the options were refused. */
    private static List<String> finalFlags(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-XX:+PrintFlagsFinal");
        command.add("-version");
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).as("%s%n%s", command, output).isZero();
        return output.lines().toList();
    }

    /** A flag's value from {@code -XX:+PrintFlagsFinal}'s lines: "type name = value {kind} {origin}". */
    private static String flag(List<String> flags, String name) {
        return flags.stream()
                .map(String::trim)
                .map(line -> line.split("\\s+"))
                .filter(fields -> fields.length >= 4 && fields[1].equals(name) && fields[2].equals("="))
                .map(fields -> fields[3])
                .findFirst()
                .orElseThrow(() -> new AssertionError("the JVM printed no flag " + name));
    }
}
