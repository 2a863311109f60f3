/**
 * The {@code chat-hooks} command line (picocli): one command per way of running the processor ({@code run}, {@code
 * demo}, {@code replay}, {@code dump}, {@code load}, {@code dlq}, {@code hooks}, ...), and the options they share. It
 * parses options and reports user errors; the work is the processor's.
 */
package dev.chathooks.cli;
