package dev.chathooks.processor.deadletter;

import java.util.concurrent.CompletionStage;

/**
 * Where a hook's dispatcher stores its dead letters: the one thing about them that differs between a live
 * run (the dead-letter topic, through a producer) and a replay (the replay's output, in process). What a dead
 * letter holds (reason, hook, attempts, source) is the dispatcher's, the same in both.
 */
public interface DeadLetterStore {
    /**
     * Stores {@code letter}.
     *
     * @param letter the dead letter, with its headers
     * @param source the record it is made of, as {@code topic-partition@offset}, for the logs
     * @return a stage that completes once the letter is stored; never exceptionally. After {@link #close} it may
     *     never complete, so that its record is not counted as finished.
     */
    CompletionStage<Void> store(DeadLetter letter, String source);

    /** Gives up on letters not stored yet; what is stored from now on is not waited for. */
    default void close() {}
}
