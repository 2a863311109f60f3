package dev.chathooks.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --input FILE}: the topic dump that {@code replay} and {@code load} read. */
final class DumpInputOption {
    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "The topic dump to read (JSON lines, as `chat-hooks dump` and `chat-hooks generate` write).")
    Path input;

    /**
     * The dump's path.
     *
     * @throws CliException naming the flag, if it is not a readable file
     */
    Path readable() {
        if (!Files.isReadable(input) || Files.isDirectory(input)) {
            throw new CliException("--input " + input + " is not a readable file; give the path of a topic dump");
        }
        return input;
    }
}
