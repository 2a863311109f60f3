/**
 * Rewinding a hook: moving its consumer group on the invocations topic to a time or an offset, so that it re-runs
 * from there while the other hooks go on. {@link dev.chathooks.processor.rewind.HookRewind} is the one entry point: with the
 * group empty (the processor stopped) it moves the offsets itself; with members consuming, which Kafka does not let
 * anyone else move, it asks them through the control topic ({@code <application.id>-control},
 * {@link dev.chathooks.processor.rewind.ControlTopic}), which every running instance follows
 * ({@link dev.chathooks.processor.rewind.ControlFollower}), and waits for their answers. An instance moves its own consumers
 * through {@link dev.chathooks.processor.rewind.RepositionableConsumer}.
 */
package dev.chathooks.processor.rewind;
