/**
 * The Chat Hooks hook API: what a hook author implements and receives.
 *
 * <p>A hook is a class that implements {@link dev.chathooks.api.ChatHook} (blocking callbacks) or
 * {@link dev.chathooks.api.AsyncChatHook} (callbacks that return a {@link java.util.concurrent.CompletionStage}),
 * has a public no-argument constructor, and is named in
 * {@code META-INF/services/dev.chathooks.api.ChatHook} or
 * {@code META-INF/services/dev.chathooks.api.AsyncChatHook} of its JAR. The processor finds it with
 * {@link java.util.ServiceLoader}, on its class path or in a {@code --plugins} folder, and calls it once for each
 * event of the kinds it overrides, with the full context: the message, the conversation, the participants as user
 * records, the typing events, the users added or removed, and an {@link dev.chathooks.api.EventInfo} that carries
 * the event id (the idempotency key), the actor and the event time.
 *
 * <p>This package depends on the JDK alone, so a hook JAR may bring any library it likes. Every value type here
 * is immutable and safe to share between threads.
 */
package dev.chathooks.api;
