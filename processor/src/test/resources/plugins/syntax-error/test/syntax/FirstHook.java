package test.syntax;

import dev.chathooks.api.ChatHook;

/** Listed in a service file with a line that is not a class name. */
public final class FirstHook implements ChatHook {
}
