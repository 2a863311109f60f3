/**
 * The dry-run "push service": one JSON line per notification, nothing sent.
 */
package dev.chathooks.examples.push.dryrun;
