package test.misfiled;

import dev.chathooks.api.AsyncChatHook;

/** An AsyncChatHook listed in the ChatHook file. */
public final class MisfiledHook implements AsyncChatHook {
}
