package test.interfacehook;

import dev.chathooks.api.ChatHook;

/** An interface, yet listed. */
public interface GreetingContract extends ChatHook {
}
