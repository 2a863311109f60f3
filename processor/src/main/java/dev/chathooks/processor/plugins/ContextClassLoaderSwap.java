package dev.chathooks.processor.plugins;

import java.util.Objects;

/**
 * Makes a hook's class loader the current thread's context class loader until {@link #close()}, which restores
 * the previous one. Libraries inside a plugin (JAXB, Jackson modules, JDBC drivers, SLF4J providers) find their
 * own resources through the context class loader, so every call into a hook runs inside one of these.
 *
 * <pre>{@code
 * try (ContextClassLoaderSwap swap = loadedHook.swapContextClassLoader()) {
 *     chatHook.afterMessageSent(message, conversation, participants, event);
 * }
 * }</pre>
 *
 * <p>Open and close it on the same thread; it is not meant to be shared.
 */
public final class ContextClassLoaderSwap implements AutoCloseable {
    private final Thread thread;
    private final ClassLoader previous;

    private ContextClassLoaderSwap(Thread thread, ClassLoader previous) {
        this.thread = thread;
        this.previous = previous;
    }

    /**
     * Sets {@code loader} as the current thread's context class loader.
     *
     * @return what restores the previous one when closed
     */
    public static ContextClassLoaderSwap to(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader is null");
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        return new ContextClassLoaderSwap(current, previous);
    }

    /** Restores the context class loader the thread had before. */
    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }
}
