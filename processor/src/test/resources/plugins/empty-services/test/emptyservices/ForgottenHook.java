package test.emptyservices;

import dev.chathooks.api.ChatHook;

/** A hook whose service file lists nothing. */
public final class ForgottenHook implements ChatHook {
}
