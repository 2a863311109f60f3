package test.abstracthook;

import dev.chathooks.api.ChatHook;

/** Abstract, yet listed. */
public abstract class AbstractGreetingHook implements ChatHook {
    public AbstractGreetingHook() {
    }
}
