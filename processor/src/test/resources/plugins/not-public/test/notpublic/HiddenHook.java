package test.notpublic;

import dev.chathooks.api.ChatHook;

/** Package-private, so nothing outside its package can create it. */
final class HiddenHook implements ChatHook {
    public HiddenHook() {
    }
}
