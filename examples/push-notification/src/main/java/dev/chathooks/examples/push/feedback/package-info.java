/**
 * Tokens a push service rejected for good: remembered so this process does not use them again, and reported to the
 * feedback topic for the chat server.
 */
package dev.chathooks.examples.push.feedback;
