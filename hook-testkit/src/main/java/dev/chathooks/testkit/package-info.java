/**
 * What a hook author tests with, as a {@code test} dependency ({@code dev.chathooks:hook-testkit}).
 *
 * <ul>
 *   <li>{@link dev.chathooks.testkit.ChatTraffic}: chat traffic built as a story, with sensible ids, times and
 *       usernames, and bad records too.</li>
 *   <li>{@link dev.chathooks.testkit.HookTester}: runs that traffic, or a topic dump, through the processor's real
 *       topology and dispatch into the hook, without a broker, and returns a {@link dev.chathooks.testkit.HookRun}:
 *       the calls with their arguments, the dead letters with their reasons, what the hook wrote to topics.</li>
 *   <li>{@link dev.chathooks.testkit.InMemoryHookContext}: a context to call a hook's methods directly.</li>
 * </ul>
 *
 * <p>It may depend on {@code hook-api} and the processor library; hooks under test depend on {@code hook-api}
 * alone. Its public API names only its own types, {@code hook-api}'s and the JDK's: the processor's are mapped at
 * its boundary ({@code KitSignatureTest} checks every public type and member).
 */
package dev.chathooks.testkit;
