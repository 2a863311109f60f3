package test.inner;

import dev.chathooks.api.ChatHook;

/** Holds a hook declared as an inner (non-static) class. */
public final class Outer {
    public class InnerHook implements ChatHook {
    }
}
