package dev.chathooks.apisignatures;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes an API as signature lines: one per type (modifiers, kind, supertypes) and one per public or protected
 * field, constructor and method (modifiers, generic parameter and return types, {@code throws}). Two versions of a
 * type are compatible for callers and implementers when the old lines are all among the new ones.
 */
public final class ApiSignatures {
    private ApiSignatures() {}

    /** The lines of {@code types} and their members, sorted. */
    public static List<String> of(Collection<Class<?>> types) {
        TreeSet<String> lines = new TreeSet<>();
        for (Class<?> type : types) {
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
                    String modifiers =
                            Modifier.toString(method.getModifiers()) + (method.isDefault() ? " default" : "");
                    lines.add(name + "#" + method.getName() + parameters(method) + " " + modifiers.strip() + " -> "
                            + method.getGenericReturnType().getTypeName() + throwsClause(method));
                }
            }
        }
        return new ArrayList<>(lines);
    }

    private static String typeLine(Class<?> type) {
        String kind = type.isAnnotation()
                ? "@interface"
                : type.isInterface() ? "interface" : type.isEnum() ? "enum" : type.isRecord() ? "record" : "class";
        int modifiers = type.getModifiers() & ~Modifier.INTERFACE;
        StringBuilder line =
                new StringBuilder(Modifier.toString(modifiers)).append(' ').append(kind);
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class) {
            line.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0) {
            line.append(type.isInterface() ? " extends " : " implements ")
                    .append(typeNames(type.getGenericInterfaces()));
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
