/**
 * The control topic ({@code <application.id>-control}): how a command reaches the running processor instances.
 * Every instance follows it; today it carries hook rewinds, which Kafka cannot apply to a consumer group with
 * active members, so the members apply them themselves ({@link dev.chathooks.control.ControlFollower}) and say
 * so on the same topic for the command that asked ({@code chat-hooks hooks rewind}).
 */
package dev.chathooks.control;
