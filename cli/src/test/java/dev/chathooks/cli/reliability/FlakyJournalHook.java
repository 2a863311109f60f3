package dev.chathooks.cli.reliability;

/** A {@link JournalHook} named {@code flaky-journal}; the tests give it a failure rate, so it is retried. */
public final class FlakyJournalHook extends JournalHook {}
