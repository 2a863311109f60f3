/**
 * The hooks' lifecycle: each hook and instance the configuration declares started with its context (configuration,
 * lookup tables, topic writers) and closed in reverse order ({@code HookHost}); a hook that refuses to start, or
 * configuration for hooks that do not run or keys a hook left unread, stops the start.
 */
package dev.chathooks.processor.hosting;
