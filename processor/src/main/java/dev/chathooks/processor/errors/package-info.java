/**
 * What the processor's errors have in common across its packages: {@link dev.chathooks.processor.errors.UserErrorException},
 * the base of every error a user caused and can fix, which the command line reports as one line and exit code 2.
 */
package dev.chathooks.processor.errors;
