/**
 * What a sent message's notifications are: the seed's push rules ({@code NotificationPlanner}), their text cut to fit
 * without breaking a character, and the APNs and FCM payloads.
 */
package dev.chathooks.examples.push.notification;
