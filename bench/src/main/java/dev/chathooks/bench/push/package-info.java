/**
 * The push hook's fan-out benchmark: notifications per second of one message to a large conversation, through the hook
 * to local APNs and FCM endpoints, next to the same notifications sent by the services' libraries alone.
 */
package dev.chathooks.bench.push;
