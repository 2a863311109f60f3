/**
 * The devices a notification can go to, read and checked from the lookup table over {@code chat.devices} ({@code
 * DeviceDirectory}); a device's token is never shown.
 */
package dev.chathooks.examples.push.devices;
