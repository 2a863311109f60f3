package dev.chathooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the hook API against accidental breaks. Every public type of {@code dev.chathooks.api} (found on the class
 * path, so a new type is covered without being listed) and every public or protected member of it is written as one
 * signature line; the lines must equal the checked-in {@code hook-api/api-baseline.txt}. A removed or changed line
 * breaks hooks already built, so the test fails naming it; an added line fails too, until the baseline is
 * regenerated on purpose with {@code mvn -o -pl hook-api test -Dtest=ApiCompatibilityTest -Dapi.update=true}
 * (see docs/architecture.md), so that every change of the API is a reviewed change of that file.
 */
class ApiCompatibilityTest {
    private static final String PACKAGE = ChatHook.class.getPackageName();
    /** Relative to the module's folder, where Surefire runs the tests. */
    private static final Path BASELINE = Path.of("api-baseline.txt");

    @Test
    void thePublicApiMatchesTheBaseline() throws IOException {
        List<String> actual = signatures();
        if (Boolean.getBoolean("api.update")) {
            Files.write(BASELINE, actual, StandardCharsets.UTF_8);
        }
        List<String> baseline = Files.readAllLines(BASELINE, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).toList();

        List<String> removedOrChanged = baseline.stream().filter(line -> !actual.contains(line)).toList();
        List<String> added = actual.stream().filter(line -> !baseline.contains(line)).toList();
        assertThat(removedOrChanged)
                .as("incompatible change of the hook API: these signatures of %s are gone or changed (hooks built"
                        + " against them would break); added or changed now: %s", BASELINE.toAbsolutePath(), added)
                .isEmpty();
        assertThat(added)
                .as("the hook API grew; if on purpose, regenerate the baseline with"
                        + " `mvn -o -pl hook-api test -Dtest=ApiCompatibilityTest -Dapi.update=true`")
                .isEmpty();
    }

    @Test
    void everyPublicTypeOfThePackageIsCovered() throws IOException {
        // The scan must see the types the old hand-written list named, and nested public types.
        assertThat(publicTypes()).contains(ChatHook.class, AsyncChatHook.class, HookMetrics.Counter.class,
                TypingEvent.State.class, PermanentHookFailureException.class);
    }

    /** Every public type of the package, top-level ones from the class files and their public nested types. */
    static List<Class<?>> publicTypes() throws IOException {
        List<Class<?>> types = new ArrayList<>();
        for (String name : topLevelClassNames()) {
            Class<?> type;
            try {
                type = Class.forName(PACKAGE + "." + name, false, ChatHook.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            addIfVisible(type, types);
        }
        return types;
    }

    private static void addIfVisible(Class<?> type, List<Class<?>> types) {
        boolean visible = Modifier.isPublic(type.getModifiers())
                || (type.isMemberClass() && Modifier.isProtected(type.getModifiers()));
        if (!visible) {
            return;
        }
        types.add(type);
        for (Class<?> nested : type.getDeclaredClasses()) {
            addIfVisible(nested, types);
        }
    }

    private static List<String> topLevelClassNames() throws IOException {
        Path location;
        try {
            location = Path.of(ChatHook.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(location)) {
            return classNamesIn(location.resolve(PACKAGE.replace('.', '/')));
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return classNamesIn(jar.getPath(PACKAGE.replace('.', '/')));
        }
    }

    private static List<String> classNamesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .sorted().toList();
        }
    }

    /** One line per public type and per public or protected member, sorted. */
    static List<String> signatures() throws IOException {
        TreeSet<String> lines = new TreeSet<>();
        for (Class<?> type : publicTypes()) {
            String name = type.getTypeName();
            lines.add(name + " " + typeLine(type));
            for (Field field : type.getDeclaredFields()) {
                if (visible(field)) {
                    lines.add(name + "#" + field.getName() + " " + Modifier.toString(field.getModifiers()) + " "
                            + field.getGenericType().getTypeName());
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (visible(constructor)) {
                    lines.add(name + "#<init>" + parameters(constructor) + " "
                            + Modifier.toString(constructor.getModifiers()) + throwsClause(constructor));
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (visible(method)) {
                    String modifiers = Modifier.toString(method.getModifiers()) + (method.isDefault() ? " default" : "");
                    lines.add(name + "#" + method.getName() + parameters(method) + " " + modifiers.strip() + " -> "
                            + method.getGenericReturnType().getTypeName() + throwsClause(method));
                }
            }
        }
        return new ArrayList<>(lines);
    }

    private static String typeLine(Class<?> type) {
        String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface"
                : type.isEnum() ? "enum" : type.isRecord() ? "record" : "class";
        int modifiers = type.getModifiers() & ~Modifier.INTERFACE;
        StringBuilder line = new StringBuilder(Modifier.toString(modifiers)).append(' ').append(kind);
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class) {
            line.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0) {
            line.append(type.isInterface() ? " extends " : " implements ").append(typeNames(type.getGenericInterfaces()));
        }
        return line.toString().strip();
    }

    private static boolean visible(Member member) {
        return !member.isSynthetic()
                && (Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers()));
    }

    private static String parameters(Executable executable) {
        return "(" + typeNames(executable.getGenericParameterTypes()) + ")";
    }

    private static String throwsClause(Executable executable) {
        Type[] thrown = executable.getGenericExceptionTypes();
        return thrown.length == 0 ? "" : " throws " + typeNames(thrown);
    }

    private static String typeNames(Type[] types) {
        return Arrays.stream(types).map(Type::getTypeName).collect(Collectors.joining(", "));
    }
}
