package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help a new user reads: whole sentences, and pointers to documents that exist. */
class HelpTest {
    private static List<CommandLine> everyCommand(CommandLine command) {
        List<CommandLine> all = new ArrayList<>(List.of(command));
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            all.addAll(everyCommand(sub.getValue()));
        }
        return all;
    }

    @Test
    void theTopLevelHelpGivesEachCommandAWholeSentence() {
        for (CommandLine command :
                new CommandLine(new ChatHooksCommand()).getSubcommands().values()) {
            String first = command.getCommandSpec().usageMessage().description()[0];
            assertThat(first)
                    .as("the first line of %s's description", command.getCommandName())
                    .endsWith(".");
        }
    }

    @Test
    void everyDocumentTheHelpNamesExists() {
        for (CommandLine command : everyCommand(new CommandLine(new ChatHooksCommand()))) {
            StringWriter help = new StringWriter();
            command.usage(new PrintWriter(help));
            if (help.toString().contains("docs/configuration.md")) {
                assertThat(Files.isRegularFile(ReplayCommandTest.REPO.resolve("docs/configuration.md")))
                        .isTrue();
            }
            assertThat(help.toString())
                    .as("help of %s", command.getCommandName())
                    .doesNotContain("DESIGN.md");
        }
    }

    @Test
    void everyCommandThatReadsConfigurationPointsToTheConfigurationGuide() {
        for (CommandLine command : everyCommand(new CommandLine(new ChatHooksCommand()))) {
            if (command.getCommandSpec().findOption("--config") != null) {
                StringWriter help = new StringWriter();
                command.usage(new PrintWriter(help));
                assertThat(help.toString())
                        .as("help of %s", command.getCommandName())
                        .contains("docs/configuration.md");
            }
        }
    }
}
