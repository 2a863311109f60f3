package dev.chathooks.cli.reliability;

import dev.chathooks.cli.ChatHooksCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@code chat-hooks} command in this JVM, as a user would against the processors' cluster: every
 * configuration key of the processors given with {@code --set}.
 *
 * @param exitCode the command's exit code
 * @param out what it printed to standard output
 * @param err what it printed to standard error
 */
record Cli(int exitCode, String out, String err) {
    static Cli run(Map<String, String> keys, String... arguments) {
        List<String> command = new ArrayList<>(List.of(arguments));
        keys.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ChatHooksCommand.execute(
                new PrintWriter(out, true), new PrintWriter(err, true), command.toArray(String[]::new));
        return new Cli(exit, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nout: " + out + "\nerr: " + err;
    }
}
