package test.staticinit;

import dev.chathooks.api.ChatHook;

/** Its static initializer fails. */
public final class StaticInitHook implements ChatHook {
    private static final int LIMIT = Integer.parseInt("not a number");
}
