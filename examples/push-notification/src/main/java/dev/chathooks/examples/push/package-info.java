/**
 * The push-notification hook ({@code push}): one notification per device of every participant but the sender of a sent
 * message, through APNs and FCM or as JSON lines in dry-run mode; the hook class ({@code PushHook}), its parts in the
 * sub-packages.
 */
package dev.chathooks.examples.push;
