/**
 * Dead letters: records that could not be used, kept unchanged in the dead-letter topic with headers that say why
 * ({@link dev.chathooks.processor.deadletter.ReasonCode}, {@link dev.chathooks.processor.deadletter.DeadLetterHeaders}) and where they
 * came from. One type, {@link dev.chathooks.processor.deadletter.DeadLetter}, for writing them (the topology forwards its own
 * inside Kafka Streams; the lookup tables and the hooks' dispatch go through
 * {@link dev.chathooks.processor.deadletter.DeadLetterWriter}), reading and listing them
 * ({@link dev.chathooks.processor.deadletter.DeadLetterReader}) and sending them back to where they failed
 * ({@link dev.chathooks.processor.deadletter.DeadLetterRerun}).
 */
package dev.chathooks.processor.deadletter;
