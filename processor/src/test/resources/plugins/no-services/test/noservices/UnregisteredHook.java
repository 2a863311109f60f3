package test.noservices;

import dev.chathooks.api.ChatHook;

/** A hook its JAR does not register. */
public final class UnregisteredHook implements ChatHook {
}
