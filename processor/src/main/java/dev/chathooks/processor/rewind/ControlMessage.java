package dev.chathooks.processor.rewind;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A message of the control topic: a request to rewind a hook, and the answers of the instances that applied it (or
 * could not). Partitions are those of the invocations topic. {@link ControlCodec} gives their wire form.
 */
sealed interface ControlMessage {
    /** The request this message is or answers. */
    String requestId();

    /** The hook it is about. */
    String hook();

    /**
     * Rewind {@code hook}'s consumer group to {@code offsets}. An instance applies it to the partitions it owns,
     * and to those it is assigned later, until {@code expiresAt} (epoch milliseconds), unless another instance
     * has answered for them.
     */
    record RewindRequest(String requestId, String hook, Map<Integer, Long> offsets, long expiresAt)
            implements ControlMessage {
        public RewindRequest {
            Objects.requireNonNull(requestId, "requestId is null");
            Objects.requireNonNull(hook, "hook is null");
            offsets = Map.copyOf(offsets);
        }
    }

    /** {@code instance} moved {@code hook}'s group to {@code offsets} on these partitions and committed them. */
    record Rewound(String requestId, String hook, String instance, Map<Integer, Long> offsets)
            implements ControlMessage {
        public Rewound {
            Objects.requireNonNull(requestId, "requestId is null");
            Objects.requireNonNull(hook, "hook is null");
            Objects.requireNonNull(instance, "instance is null");
            offsets = Map.copyOf(offsets);
        }
    }

    /** {@code instance} owned these partitions but could not rewind them, for {@code error}. */
    record RewindFailed(String requestId, String hook, String instance, Set<Integer> partitions, String error)
            implements ControlMessage {
        public RewindFailed {
            Objects.requireNonNull(requestId, "requestId is null");
            Objects.requireNonNull(hook, "hook is null");
            Objects.requireNonNull(instance, "instance is null");
            partitions = Set.copyOf(partitions);
            Objects.requireNonNull(error, "error is null");
        }
    }
}
