/** How Chat Hooks logs when the user does not configure logging: its default logback configuration. */
package dev.chathooks.cli.logging;
