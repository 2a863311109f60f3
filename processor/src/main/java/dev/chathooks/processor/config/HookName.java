package dev.chathooks.processor.config;

import java.util.regex.Pattern;

/**
 * The one rule for the names of hooks and hook instances, which key configuration ({@code hook.<name>.*}), consumer
 * groups and metrics: lower-case letters, digits and dashes, not a dash first. The plugin loader checks a hook's
 * {@code name()} against it, the configuration checks the names its keys give.
 */
public final class HookName {
    /** The rule as a regular expression. */
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** The rule in words, for error messages. */
    public static final String RULE = "lower-case letters, digits and dashes, not first";

    private HookName() {}

    /** Whether {@code name} is a valid hook or instance name; false for null. */
    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }
}
