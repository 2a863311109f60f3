package dev.chathooks.cli.reliability;

/** A {@link JournalHook} named {@code steady-journal}; the tests leave its failure rate at 0. */
public final class SteadyJournalHook extends JournalHook {}
