/**
 * The processor's configuration: Chat Hooks' own keys defined once in Kafka's {@code ConfigDef} ({@code ConfigKeys}),
 * the keys that name hooks ({@code HookKeys}), gathered from the file, the environment and {@code --set} ({@code
 * ConfigSources}) and checked into one validated form ({@code ChatHooksConfig}) before anything starts. A wrong key or
 * flag is a {@code ConfigException} that names it and says what would be valid.
 */
package dev.chathooks.processor.config;
