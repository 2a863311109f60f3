package dev.chathooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Guards the hook API against accidental breaks: every public class, constructor and method is listed in
 * {@code api-signatures.txt}. Removing or changing one breaks hooks already built, so this test fails; adding one
 * fails too, until the file is updated on purpose (the message prints the new list).
 */
class ApiCompatibilityTest {
    private static final List<Class<?>> API = List.of(AsyncChatHook.class, Attachment.class, ChatHook.class,
            ChatObject.class, ChatRecord.class, Conversation.class, Device.class, EventInfo.class, Hook.class,
            HookConfig.class, HookConfigException.class, HookContext.class, HookKind.class, HookMetrics.class,
            HookMetrics.Counter.class, HookMetrics.Timer.class, LookupTable.class,
            Message.class, PermanentHookFailureException.class, TopicWriter.class, TypingEvent.class,
            TypingEvent.State.class, User.class);

    @Test
    void thePublicApiIsUnchanged() throws IOException {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/api-signatures.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        String actual = String.join("\n", signatures());

        assertThat(actual).as("the hook API changed; if on purpose, update api-signatures.txt to:%n%s", actual)
                .isEqualTo(expected);
    }

    static List<String> signatures() {
        TreeSet<String> lines = new TreeSet<>();
        for (Class<?> type : API) {
            lines.add(type.getName() + " " + Modifier.toString(type.getModifiers() & ~Modifier.STATIC));
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(constructor.getModifiers()) || Modifier.isProtected(constructor.getModifiers())) {
                    lines.add(type.getName() + ".<init>" + Arrays.toString(constructor.getParameterTypes()));
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if ((Modifier.isPublic(method.getModifiers()) || Modifier.isProtected(method.getModifiers()))
                        && !method.isSynthetic()) {
                    lines.add(type.getName() + "." + method.getName() + Arrays.toString(method.getParameterTypes())
                            + " -> " + method.getGenericReturnType().getTypeName());
                }
            }
        }
        return new ArrayList<>(lines);
    }

    /** Prints the current signatures, to update the file on purpose. */
    public static void main(String[] args) {
        signatures().forEach(System.out::println);
    }
}
