package dev.chathooks.devtools.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.devtools.dump.JsonLinesWriter;
import dev.chathooks.processor.deadletter.DeadLetter;
import dev.chathooks.processor.dispatch.HookArguments;
import dev.chathooks.processor.plugins.LoadedHook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Where a replay writes: the invocation log and the dead letters (either may discard). */
public interface ReplayOutput {
    /** One invocation log line. */
    void invocation(ObjectNode line) throws IOException;

    /**
     * One dead letter, whole: where it came from, its reason and code, and for {@code hook-failed} the hook and
     * its attempts (so that no reader has to parse them back out of the reason).
     */
    void deadLetter(DeadLetter letter) throws IOException;

    /** Flushes what was written. */
    void flush() throws IOException;

    /**
     * Told of each call a hook finished successfully, with the arguments it was given (a dispatcher's
     * listener: it must not throw). Does nothing unless overridden.
     */
    default void finished(LoadedHook hook, HookArguments arguments) {}

    /** Writes the invocation log to {@code invocations} and dead letters to {@code deadLetters}; null discards. */
    static ReplayOutput to(JsonLinesWriter invocations, JsonLinesWriter deadLetters) {
        return new ReplayOutput() {
            @Override
            public void invocation(ObjectNode line) throws IOException {
                if (invocations != null) {
                    invocations.writeLine(line);
                }
            }

            @Override
            public void deadLetter(DeadLetter letter) throws IOException {
                if (deadLetters != null) {
                    byte[] key = letter.key();
                    deadLetters.writeDeadLetter(
                            letter.sourceTopic(),
                            key == null ? null : new String(key, StandardCharsets.UTF_8),
                            letter.timestamp(),
                            letter.reason(),
                            letter.value());
                }
            }

            @Override
            public void flush() throws IOException {
                if (invocations != null) {
                    invocations.flush();
                }
                if (deadLetters != null) {
                    deadLetters.flush();
                }
            }
        };
    }
}
