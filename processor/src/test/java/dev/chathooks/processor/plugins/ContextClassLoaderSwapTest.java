package dev.chathooks.processor.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // swaps are held for their effect on the thread
class ContextClassLoaderSwapTest {
    private final ClassLoader first = new URLClassLoader("first", new URL[0], null);
    private final ClassLoader second = new URLClassLoader("second", new URL[0], null);

    @Test
    void nestedSwapsRestoreTheirPredecessorsInTurn() {
        ClassLoader original = Thread.currentThread().getContextClassLoader();

        try (ContextClassLoaderSwap outer = ContextClassLoaderSwap.to(first)) {
            try (ContextClassLoaderSwap inner = ContextClassLoaderSwap.to(second)) {
                assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(second);
            }
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(first);
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(original);
    }

    @Test
    void restoresTheLoaderWhenTheCallThrows() {
        ClassLoader original = Thread.currentThread().getContextClassLoader();

        assertThatThrownBy(() -> {
                    try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.to(first)) {
                        throw new IllegalStateException("hook failed");
                    }
                })
                .hasMessage("hook failed");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(original);
    }
}
