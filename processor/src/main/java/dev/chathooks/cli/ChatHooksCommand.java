package dev.chathooks.cli;

/** Placeholder main class until the CLI lands. */
public final class ChatHooksCommand {
    private ChatHooksCommand() {
    }

    public static void main(String[] args) {
        System.out.println("chat-hooks");
    }
}
