/**
 * Calling a hook for the invocations it is given: resolving an invocation into the hook API's arguments, calling the
 * hook with its timeout, retries and de-duplication ({@code HookCallRunner}), and dead-lettering what fails for good
 * ({@code HookDispatcher}). The one dispatch path of live runs, replays and the hook test kit; the consumer that feeds
 * it live is {@code dispatch.consumer}'s.
 */
package dev.chathooks.processor.dispatch;
