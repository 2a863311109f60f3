/**
 * Delivering a call's notifications: the {@code PushSender} contract and its three outcomes, routing by platform,
 * retries with backoff, a bound on notifications in flight shared fairly between calls, and the ledger that keeps a
 * repeated call from notifying twice.
 */
package dev.chathooks.examples.push.delivery;
