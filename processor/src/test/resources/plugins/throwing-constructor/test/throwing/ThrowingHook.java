package test.throwing;

import dev.chathooks.api.ChatHook;

/** Does work that fails in its constructor. */
public final class ThrowingHook implements ChatHook {
    public ThrowingHook() {
        throw new IllegalStateException("the token file /etc/hook/token is missing");
    }
}
