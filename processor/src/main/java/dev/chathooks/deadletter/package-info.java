/**
 * Dead letters: records that could not be used, kept unchanged in the dead-letter topic with headers that say why
 * ({@link dev.chathooks.deadletter.ReasonCode}, {@link dev.chathooks.deadletter.DeadLetterHeaders}) and where they
 * came from. One type, {@link dev.chathooks.deadletter.DeadLetter}, for writing them (the topology forwards its own
 * inside Kafka Streams; the lookup tables and the hooks' dispatch go through
 * {@link dev.chathooks.deadletter.DeadLetterWriter}), reading and listing them
 * ({@link dev.chathooks.deadletter.DeadLetterReader}) and sending them back to where they failed
 * ({@link dev.chathooks.deadletter.DeadLetterRerun}).
 */
package dev.chathooks.deadletter;
