package dev.chathooks.examples.webhook.testing;

import dev.chathooks.api.PermanentHookFailureException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Calls a hook as the processor's dispatcher does, without its backoff: one call at a time per conversation (the
 * next starts when the previous finished), conversations concurrently, a failed attempt retried up to
 * {@code maxAttempts}, a {@link PermanentHookFailureException} ending the retries at once.
 */
public final class DispatcherLike {
    /** How a call ended: succeeded, or its last failure. */
    public record Outcome(int attempts, Throwable failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    private final int maxAttempts;
    private final Map<String, CompletableFuture<Outcome>> lastByConversation = new HashMap<>();

    public DispatcherLike(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** Queues a call behind the conversation's previous one; {@code attempt} makes one attempt. */
    public synchronized CompletableFuture<Outcome> submit(
            String conversationId, Supplier<CompletionStage<Void>> attempt) {
        CompletableFuture<Outcome> previous =
                lastByConversation.getOrDefault(conversationId, CompletableFuture.completedFuture(null));
        CompletableFuture<Outcome> next = previous.thenCompose(ignored -> attempt(attempt, 1));
        lastByConversation.put(conversationId, next);
        return next;
    }

    private CompletableFuture<Outcome> attempt(Supplier<CompletionStage<Void>> attempt, int number) {
        return attempt.get()
                .toCompletableFuture()
                .handle((ignored, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(new Outcome(number, null));
                    }
                    Throwable cause =
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof PermanentHookFailureException || number >= maxAttempts) {
                        return CompletableFuture.completedFuture(new Outcome(number, cause));
                    }
                    return attempt(attempt, number + 1);
                })
                .thenCompose(stage -> stage);
    }
}
