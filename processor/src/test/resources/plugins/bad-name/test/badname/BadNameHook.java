package test.badname;

import dev.chathooks.api.ChatHook;

/** Returns a name that is not a valid hook name. */
public final class BadNameHook implements ChatHook {
    @Override
    public String name() {
        return "Greeting_Hook";
    }
}
