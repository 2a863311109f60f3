/**
 * The webhook hook ({@code webhook}): every hook call as a signed CloudEvents {@code POST} to an HTTP endpoint, so that
 * hooks can be written in any language; the instance's hook class ({@code WebhookHook}), its parts in the sub-packages.
 */
package dev.chathooks.examples.webhook;
