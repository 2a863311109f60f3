package dev.chathooks.cli;

/** A command-line mistake; the message names the flag and says what would be valid. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    /** Checks the {@code --input} of the commands that read a topic dump. */
    static void requireReadableDump(java.nio.file.Path input) {
        if (!java.nio.file.Files.isReadable(input)) {
            throw new CliException("--input " + input + " is not a readable file; give the path of a topic dump");
        }
    }
}
