package dev.chathooks.processor.plugins;

import dev.chathooks.processor.errors.UserErrorException;
import java.util.List;

/**
 * Hooks could not be loaded. Holds every problem found in one pass over the class path and all plugin paths, so
 * that a hook author can fix them all in one round; each problem is a sentence that names the plugin path (or the
 * class path) and the class at fault, and says what to change.
 */
public final class PluginLoadException extends UserErrorException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * @param problems what is wrong, one sentence each; not empty
     * @throws IllegalArgumentException if problems is empty
     */
    public PluginLoadException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order found. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a PluginLoadException needs at least one problem");
        }
        StringBuilder message = new StringBuilder("The hooks could not be loaded (")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems")
                .append("); fix ")
                .append(problems.size() == 1 ? "it" : "them")
                .append(" and start again:");
        for (String problem : problems) {
            message.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return message.toString();
    }
}
