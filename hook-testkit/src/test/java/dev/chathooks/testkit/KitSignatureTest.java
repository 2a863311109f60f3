package dev.chathooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.apisignatures.ApiTypes;
import dev.chathooks.devtools.dump.DumpFormatException;
import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.processor.config.ChatHooksConfig;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kit's public API speaks only the JDK's, {@code hook-api}'s and its own types, so that a hook's tests do not
 * bind to the processor's internals (which change without notice). Every public type of
 * {@code dev.chathooks.testkit}, found in the kit's compiled classes (so a new one is checked too), and every public
 * or protected constructor, method and field of it: supertypes, type parameters, parameter, return, exception and
 * field types, with their type arguments and bounds.
 *
 * <p>Two rules: a type named there is in {@code java.*}, {@code dev.chathooks.api} or {@code dev.chathooks.testkit};
 * and a kit type named there is top-level or nested in the same top-level type as the member (a run's results are
 * not a part of another class, as {@code HookRun.written} once returned {@code InMemoryHookContext.RecordingWriter
 * .Record}).
 */
class KitSignatureTest {
    private static final String KIT = "dev.chathooks.testkit";

    @Test
    void theKitsPublicApiNamesOnlyTheJdksHookApisAndItsOwnTypes() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Class<?> type : kitTypes()) {
            violations.addAll(violations(type));
        }

        assertThat(violations).isEmpty();
    }

    @Test
    void everyPublicTypeOfTheKitIsChecked() throws IOException {
        assertThat(kitTypes())
                .contains(
                        HookTester.class,
                        HookRun.class,
                        HookCall.class,
                        DeadLetter.class,
                        WrittenRecord.class,
                        BadDumpException.class,
                        TesterSetupException.class,
                        ChatTraffic.class,
                        InMemoryHookContext.class,
                        InMemoryHookContext.RecordingWriter.class,
                        InMemoryHookContext.MapLookupTable.class);
        assertThat(kitTypes()).as("package-private types are not API").doesNotContain(HookFigures.class);
    }

    /** Names processor types everywhere a signature can: the check must find each one. */
    public static class LeaksTheProcessor<T extends ChatHooksConfig> {
        public static final DumpRecord FIELD = null;

        protected LeaksTheProcessor(List<? super DumpRecord> records) {}

        public Map<String, List<DumpRecord>> returned() {
            return Map.of();
        }

        public void parameter(Function<ChatHooksConfig, String>[] functions) {}

        public void thrown() throws DumpFormatException {}

        /** Not API: not checked. */
        void packagePrivate(DumpRecord record) {}
    }

    @Test
    void aProcessorTypeIsFoundInAFieldAConstructorAReturnAParameterAnExceptionAndABound() {
        assertThat(violations(LeaksTheProcessor.class))
                .containsExactlyInAnyOrder(
                        "KitSignatureTest.LeaksTheProcessor: dev.chathooks.processor.config.ChatHooksConfig",
                        "KitSignatureTest.LeaksTheProcessor.FIELD: dev.chathooks.devtools.dump.DumpRecord",
                        "KitSignatureTest.LeaksTheProcessor(List): dev.chathooks.devtools.dump.DumpRecord",
                        "KitSignatureTest.LeaksTheProcessor.returned(): dev.chathooks.devtools.dump.DumpRecord",
                        "KitSignatureTest.LeaksTheProcessor.parameter(Function[]): dev.chathooks.processor.config.ChatHooksConfig",
                        "KitSignatureTest.LeaksTheProcessor.thrown(): dev.chathooks.devtools.dump.DumpFormatException");
    }

    /** Hands out a type nested in another kit type, as {@code HookRun.written} did. */
    public static class ReachesIntoAnotherType {
        public InMemoryHookContext.MapLookupTable table() {
            return null;
        }
    }

    @Test
    void aKitTypeNestedInAnotherTypeIsFound() {
        assertThat(violations(ReachesIntoAnotherType.class))
                .containsExactly(
                        "KitSignatureTest.ReachesIntoAnotherType.table(): dev.chathooks.testkit.InMemoryHookContext$"
                                + "MapLookupTable is nested in another type");
    }

    /** The public types of the kit's package, and their public or protected nested types, from its classes. */
    private static Set<Class<?>> kitTypes() throws IOException {
        return new LinkedHashSet<>(ApiTypes.exported(HookTester.class));
    }

    /** What {@code type}'s API names that it may not, each as {@code <where>: <type>}, sorted. */
    static Set<String> violations(Class<?> type) {
        Set<String> found = new TreeSet<>();
        String name = displayName(type);
        Check check = new Check(type, found);
        check.visit(name, type.getGenericSuperclass());
        for (Type supertype : type.getGenericInterfaces()) {
            check.visit(name, supertype);
        }
        for (TypeVariable<?> parameter : type.getTypeParameters()) {
            check.visit(name, parameter);
        }
        for (Field field : type.getDeclaredFields()) {
            if (api(field)) {
                check.visit(name + "." + field.getName(), field.getGenericType());
            }
        }
        Set<Executable> executables = new HashSet<>(Arrays.asList(type.getMethods()));
        executables.addAll(Arrays.asList(type.getDeclaredMethods()));
        executables.addAll(Arrays.asList(type.getDeclaredConstructors()));
        for (Executable executable : executables) {
            if (!api(executable) || executable instanceof Method method && method.isBridge()) {
                continue;
            }
            String where = (executable instanceof Constructor<?> ? name : name + "." + executable.getName()) + "("
                    + String.join(
                            ", ",
                            Arrays.stream(executable.getParameterTypes())
                                    .map(Class::getSimpleName)
                                    .toList())
                    + ")";
            for (TypeVariable<?> parameter : executable.getTypeParameters()) {
                check.visit(where, parameter);
            }
            for (Type parameter : executable.getGenericParameterTypes()) {
                check.visit(where, parameter);
            }
            if (executable instanceof Method method) {
                check.visit(where, method.getGenericReturnType());
            }
            for (Type exception : executable.getGenericExceptionTypes()) {
                check.visit(where, exception);
            }
        }
        return found;
    }

    private static boolean api(Member member) {
        return !member.isSynthetic()
                && (Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers()));
    }

    private static String displayName(Class<?> type) {
        return type.getEnclosingClass() == null
                ? type.getSimpleName()
                : displayName(type.getEnclosingClass()) + "." + type.getSimpleName();
    }

    private static Class<?> topLevel(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        return top;
    }

    /** Walks a generic type into its arguments, bounds and components, and notes each class it may not name. */
    private record Check(Class<?> owner, Set<String> found) {
        void visit(String where, Type type) {
            visit(where, type, new HashSet<>());
        }

        private void visit(String where, Type type, Set<TypeVariable<?>> seen) {
            if (type instanceof Class<?> c) {
                check(where, c);
            } else if (type instanceof ParameterizedType p) {
                visit(where, p.getRawType(), seen);
                if (p.getOwnerType() != null) {
                    visit(where, p.getOwnerType(), seen);
                }
                for (Type argument : p.getActualTypeArguments()) {
                    visit(where, argument, seen);
                }
            } else if (type instanceof WildcardType w) {
                Stream.concat(Arrays.stream(w.getUpperBounds()), Arrays.stream(w.getLowerBounds()))
                        .forEach(bound -> visit(where, bound, seen));
            } else if (type instanceof TypeVariable<?> v) {
                if (seen.add(v)) {
                    for (Type bound : v.getBounds()) {
                        visit(where, bound, seen);
                    }
                }
            } else if (type instanceof GenericArrayType a) {
                visit(where, a.getGenericComponentType(), seen);
            }
        }

        private void check(String where, Class<?> type) {
            Class<?> c = type;
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.isPrimitive()) {
                return;
            }
            String pkg = c.getPackageName();
            if (!(pkg.startsWith("java.")
                    || pkg.equals("dev.chathooks.api")
                    || pkg.startsWith("dev.chathooks.api.")
                    || pkg.equals(KIT)
                    || pkg.startsWith(KIT + "."))) {
                found.add(where + ": " + c.getName());
            } else if (pkg.equals(KIT) && c.getEnclosingClass() != null && topLevel(c) != topLevel(owner)) {
                found.add(where + ": " + c.getName() + " is nested in another type");
            }
        }
    }
}
