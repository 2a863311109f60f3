package dev.chathooks.processor.invocation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.User;
import dev.chathooks.processor.json.Json;
import java.time.Instant;
import java.util.List;

/**
 * Lines of the invocation log ({@code --output}): the arguments a hook received, under the seed's parameter names
 * ({@code message}, {@code conversation}, {@code participants}, {@code events}, {@code new_users},
 * {@code old_users}), with the kind, the event id, the time and the actor.
 */
public final class InvocationLog {
    private InvocationLog() {}

    /** The line {@code replay} writes: {@code hooks} lists every hook the invocation reached (maybe none). */
    public static ObjectNode replayLine(
            Invocation invocation, List<User> participants, List<User> users, List<String> hooks) {
        ObjectNode line = head(invocation);
        ArrayNode names = line.putArray("hooks");
        hooks.forEach(names::add);
        arguments(line, invocation, participants, users);
        return line;
    }

    /** The line {@code run} writes each time {@code hook} finishes an invocation. */
    public static ObjectNode runLine(Invocation invocation, List<User> participants, List<User> users, String hook) {
        ObjectNode line = head(invocation);
        line.put("hook", hook);
        arguments(line, invocation, participants, users);
        return line;
    }

    private static ObjectNode head(Invocation invocation) {
        ObjectNode line = Json.object();
        line.put("kind", invocation.kind().seedName());
        line.put("event_id", invocation.eventId());
        line.put("conversation_id", invocation.conversationId());
        line.put("time", Instant.ofEpochMilli(invocation.time()).toString());
        line.put("actor", invocation.actor());
        return line;
    }

    private static void arguments(ObjectNode line, Invocation invocation, List<User> participants, List<User> users) {
        HookKind kind = invocation.kind();
        if (invocation.message() != null) {
            line.set("message", invocation.message());
        }
        line.set("conversation", invocation.conversation());
        line.set("participants", userArray(participants));
        if (kind == HookKind.TYPING_STARTED) {
            line.set("events", invocation.events() == null ? Json.array() : invocation.events());
        } else if (kind == HookKind.AFTER_USERS_ADDED_TO_CONVERSATION) {
            line.set("new_users", userArray(users));
        } else if (kind == HookKind.AFTER_USERS_REMOVED_FROM_CONVERSATION) {
            line.set("old_users", userArray(users));
        }
    }

    private static ArrayNode userArray(List<User> users) {
        ArrayNode array = Json.array();
        for (User user : users) {
            array.add(Json.toNode(user.fields()));
        }
        return array;
    }
}
