/**
 * The push hook's configuration, read and checked from its {@code hook.push.*} keys, credentials included ({@code
 * PushConfig}): the mode, how to reach APNs and FCM, and how failed notifications are retried.
 */
package dev.chathooks.examples.push.config;
