package test.probe;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import dev.chathooks.processor.plugins.fixture.SharedLibrary;

import java.util.List;
import java.util.function.Function;

/**
 * Answers the test's questions about what it sees from inside its plugin: the test lives in another class loader,
 * so it asks through a JDK interface.
 */
public final class ProbeHook implements ChatHook, Function<String, String> {
    private final ClassLoader contextLoaderAtConstruction = Thread.currentThread().getContextClassLoader();

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public void afterMessageSent(Message message, Conversation conversation, List<User> participants,
                                 EventInfo event) {
    }

    /**
     * {@code load:<class>}: "plugin" if the class comes from this plugin, "not visible" if it cannot be loaded,
     * else the name of the loader that defined it ("platform", "app", or null for the boot loader);
     * {@code shared-library}: what this plugin's SharedLibrary says;
     * {@code context-loader-at-construction} and {@code context-loader-now}: "plugin" if the context class loader
     * was (is) this plugin's, else "other".
     */
    @Override
    public String apply(String question) {
        ClassLoader own = ProbeHook.class.getClassLoader();
        if (question.startsWith("load:")) {
            try {
                ClassLoader loader = Class.forName(question.substring("load:".length()), false, own).getClassLoader();
                return loader == own ? "plugin" : loader == null ? "boot" : String.valueOf(loader.getName());
            } catch (ClassNotFoundException e) {
                return "not visible";
            }
        }
        switch (question) {
            case "shared-library":
                return SharedLibrary.origin();
            case "context-loader-at-construction":
                return contextLoaderAtConstruction == own ? "plugin" : "other";
            case "context-loader-now":
                return Thread.currentThread().getContextClassLoader() == own ? "plugin" : "other";
            default:
                throw new IllegalArgumentException("unknown question " + question);
        }
    }
}
