/**
 * Sending notifications to APNs with Pushy (token authentication, HTTP/2), and sorting APNs answers into the outcomes
 * of a {@code PushSender}.
 */
package dev.chathooks.examples.push.apns;
