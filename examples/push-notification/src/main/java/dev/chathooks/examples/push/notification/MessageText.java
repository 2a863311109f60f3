package dev.chathooks.examples.push.notification;

import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import java.util.Optional;

/** What a notification says, before it is cut to fit: the seed's rules. */
final class MessageText {
    private MessageText() {}

    /**
     * {@code <name>: <body>}, or {@code <name> sent you a file.} for an attachment with no body; empty for a
     * message with neither body nor attachment. The name is the sender's username, else their display name, else
     * their id.
     */
    static Optional<String> body(Message message, User sender) {
        String name = sender.username()
                .filter(value -> !value.isBlank())
                .or(() -> sender.name().filter(value -> !value.isBlank()))
                .orElse(sender.id());
        Optional<String> body = message.body().filter(value -> !value.isBlank());
        if (body.isPresent()) {
            return Optional.of(name + ": " + body.get());
        }
        if (message.attachment().isPresent()) {
            return Optional.of(name + " sent you a file.");
        }
        return Optional.empty();
    }
}
