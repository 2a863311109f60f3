package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.deadletter.ReasonCode;
import dev.chathooks.processor.errors.UserErrorException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** What the command line says before it does anything: usage, version, and whose error a message is. */
class CommandLineBasicsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ChatHooksCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dlq", "hooks"})
    void aCommandOfCommandsWithoutOneIsAUserErrorWithItsUsage(String command) {
        String[] args = command.isEmpty() ? new String[0] : new String[] {command};
        String name = ("chat-hooks " + command).strip();

        assertThat(run(args)).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).startsWith(name + ": name a command.").contains("Usage: " + name);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theVersionIsTheBuildsVersion() throws IOException {
        String pom = Files.readString(ReplayCommandTest.REPO.resolve("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>chat-hooks-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(version.find()).isTrue();

        assertThat(run("--version")).isZero();
        assertThat(out.toString().strip()).isEqualTo("chat-hooks " + version.group(1));
    }

    @Test
    void errorsNameTheWholeCommand() {
        assertThat(run("hooks", "rewind", "--hook", "logging")).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString())
                .startsWith("chat-hooks hooks rewind: give exactly one of --to-time and " + "--to-offset");

        err.getBuffer().setLength(0);
        assertThat(run("dlq", "list", "--set", "no.such.key=1")).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).startsWith("chat-hooks dlq list: ");
    }

    @Test
    void anyUserErrorIsOneLineAndExitCode2AndAnythingElseAFailureWithItsTrace() {
        /** A kind of user error the CLI has never heard of: extending the base type is all it takes. */
        final class NewKindOfUserError extends UserErrorException {
            private static final long serialVersionUID = 1L;

            NewKindOfUserError() {
                super("the widget 'x' is not valid; use one of: a, b.");
            }
        }
        @CommandLine.Command(name = "probe")
        final class Probe implements java.util.concurrent.Callable<Integer> {
            private final RuntimeException thrown;

            Probe(RuntimeException thrown) {
                this.thrown = thrown;
            }

            @Override
            public Integer call() {
                throw thrown;
            }
        }
        PrintWriter errors = new PrintWriter(err, true);

        assertThat(ChatHooksCommand.execute(new Probe(new NewKindOfUserError()), new PrintWriter(out, true), errors))
                .isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString())
                .isEqualTo("probe: the widget 'x' is not valid; use one of: a, b." + System.lineSeparator());

        err.getBuffer().setLength(0);
        assertThat(ChatHooksCommand.execute(
                        new Probe(new IllegalStateException("a bug")), new PrintWriter(out, true), errors))
                .isEqualTo(1);
        assertThat(err.toString())
                .startsWith("probe failed: java.lang.IllegalStateException: a bug")
                .contains("\tat ");
    }

    @Test
    void theReasonFilterListsEveryReasonCode() {
        assertThat(run("dlq", "list", "--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        for (ReasonCode reason : ReasonCode.values()) {
            assertThat(help).contains(reason.code());
        }
    }

    @Test
    void generateSaysWhatItWroteAndWhatToDoWithIt(@TempDir Path dir) throws IOException {
        Path dump = dir.resolve("small.jsonl");

        assertThat(run("generate", "--records", "50", "--output", dump.toString()))
                .isZero();

        assertThat(Files.readAllLines(dump)).hasSize(50);
        assertThat(out.toString())
                .startsWith("Wrote 50 records {")
                .contains("chat.users=")
                .contains("chat-hooks replay --input " + dump)
                .contains("chat-hooks load --input " + dump);
    }

    @Test
    void everyParagraphOfEveryHelpEndsAsASentence() {
        List<CommandLine> commands = new ArrayList<>(List.of(new CommandLine(new ChatHooksCommand())));
        for (int i = 0; i < commands.size(); i++) {
            commands.addAll(commands.get(i).getSubcommands().values());
        }
        for (CommandLine command : commands) {
            CommandSpec spec = command.getCommandSpec();
            List<String> paragraphs =
                    new ArrayList<>(List.of(spec.usageMessage().description()));
            spec.options().forEach(option -> paragraphs.addAll(List.of(option.description())));
            for (String paragraph : paragraphs) {
                assertThat(paragraph.strip())
                        .as("a paragraph of %s --help", spec.qualifiedName())
                        .matches("(?s).*[.:)]");
            }
        }
    }
}
