/**
 * Sending notifications to FCM with the Firebase Admin SDK, on a bounded pool of threads, optionally to another FCM v1
 * endpoint for tests and benchmarks, and sorting the SDK's failures into the outcomes of a {@code PushSender}.
 */
package dev.chathooks.examples.push.fcm;
