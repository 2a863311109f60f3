/**
 * The chat server's events: parsing a record of a conversation-keyed topic into a checked {@code ChatEvent} ({@code
 * EventParser}), or a reason, naming fields and never content, for rejecting it.
 */
package dev.chathooks.processor.event;
