package dev.chathooks.bench;

import dev.chathooks.processor.config.ChatHooksConfig;
import java.util.Map;
import java.util.TreeMap;

/** The topics of one bench run: its own, named after the ones its settings choose. */
final class BenchTopics {
    private BenchTopics() {}

    /**
     * The pipeline's configuration for one run: the given settings, with the run's own application id and topics.
     * Each topic is named after the one the settings give (or its default), so that the layout they choose is the
     * one measured: the one-topic layout names one topic for conversations, messages and typing.
     */
    static Map<String, String> runKeys(String runId, Map<String, String> settings) {
        Map<String, String> keys = new TreeMap<>(settings);
        keys.remove("bootstrap.servers");
        keys.put("application.id", runId);
        ChatHooksConfig.Topics named = ChatHooksConfig.of(keys).topics();
        keys.put("topics.conversations", runId + "." + named.conversations());
        keys.put("topics.messages", runId + "." + named.messages());
        keys.put("topics.typing", runId + "." + named.typing());
        keys.put("topics.users", runId + "." + named.users());
        keys.put("topics.devices", runId + "." + named.devices());
        keys.put("topics.dlq", runId + ".dlq");
        return keys;
    }

    /** How the run's conversation-keyed events are laid out, for the table's title. */
    static String layout(ChatHooksConfig.Topics topics) {
        return topics.oneTopicLayout()
                ? "one-topic layout"
                : topics.conversationKeyed().size() + "-topic layout";
    }
}
