package dev.chathooks.processor.plugins;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.ChatHook;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.ServiceConfigurationError;

/**
 * Says, in a hook author's terms, why a class listed in {@code META-INF/services} did not become a hook. Every
 * sentence starts with the source and names the class, then says what to change.
 *
 * <p>ServiceLoader's own errors name neither the plugin nor the fix, and for a missing superclass not even the
 * provider, so the listed class is examined again here, with reflection, the way ServiceLoader examines it.
 */
final class ProviderDiagnosis {
    private ProviderDiagnosis() {}

    /**
     * Why {@code className}, listed in {@code listedIn} for {@code service}, could not be found, linked or
     * constructed; empty if nothing is wrong with it that reflection can see.
     */
    static Optional<String> diagnose(HookSource source, Class<?> service, String className, String listedIn) {
        Class<?> type;
        try {
            type = Class.forName(className, false, source.loader());
        } catch (ClassNotFoundException e) {
            return Optional.of(source.describe() + ": class " + className + " is listed in " + listedIn
                    + " but is not " + (source.path().isPresent() ? "in the plugin's JARs" : "on the class path")
                    + ": check the name's spelling and package, or add the JAR that holds the class");
        } catch (LinkageError e) {
            return Optional.of(linkageProblem(source, className, e));
        }
        if (!service.isAssignableFrom(type)) {
            return Optional.of(notAHook(source, service, type, listedIn));
        }
        return structuralProblem(source, type);
    }

    /** Why ServiceLoader could not create an instance of {@code type}; {@code error} is what it threw. */
    static String instantiationFailed(HookSource source, Class<?> type, Throwable error) {
        Optional<String> structural = structuralProblem(source, type);
        if (structural.isPresent()) {
            return structural.get();
        }
        Throwable cause =
                error instanceof ServiceConfigurationError && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof InvocationTargetException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        NoClassDefFoundError missing = find(cause, NoClassDefFoundError.class);
        if (missing != null) {
            return linkageProblem(source, type.getName(), missing);
        }
        if (cause instanceof ExceptionInInitializerError && cause.getCause() != null) {
            return source.describe() + ": the static initializer of " + type.getName() + " threw "
                    + summary(cause.getCause()) + ": fix it, or move that work to start(HookContext)";
        }
        return source.describe() + ": the constructor of " + type.getName() + " threw " + summary(cause)
                + ": fix it, and do work that can fail (reading configuration, connecting) in"
                + " start(HookContext), which receives the hook's configuration";
    }

    /** A class {@code className} needs cannot be loaded: name that class and say where it must come from. */
    static String linkageProblem(HookSource source, String className, LinkageError error) {
        if (error instanceof UnsupportedClassVersionError) {
            return source.describe() + ": class " + className + " was compiled for a newer Java than this one ("
                    + error.getMessage() + "): compile the plugin with javac --release 17";
        }
        String message = String.valueOf(error.getMessage());
        if (error instanceof NoClassDefFoundError && !message.startsWith("Could not initialize")) {
            return source.describe() + ": class " + className + " needs class " + message.replace('/', '.')
                    + ", which is missing: " + source.missingClassRemedy();
        }
        return source.describe() + ": class " + className + " cannot be loaded: " + summary(error);
    }

    /** What stops a class that implements the service from being created through its no-argument constructor. */
    private static Optional<String> structuralProblem(HookSource source, Class<?> type) {
        String name = type.getName();
        if (type.isInterface()) {
            return Optional.of(source.describe() + ": " + name + " is an interface: list the class that implements"
                    + " it instead");
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            return Optional.of(source.describe() + ": class " + name + " is abstract: list a concrete subclass"
                    + " instead, or make it concrete");
        }
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            return Optional.of(source.describe() + ": class " + name + " is an inner class: declare it"
                    + " public static, so it can be created without an enclosing instance");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            return Optional.of(source.describe() + ": class " + name + " is not public: make it public so the"
                    + " processor can create it");
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            return Optional.of(source.describe() + ": class " + name + " has no public no-argument constructor:"
                    + " add one, and read the hook's configuration in start(HookContext)");
        } catch (LinkageError e) {
            return Optional.of(linkageProblem(source, name, e));
        }
        return Optional.empty();
    }

    private static String notAHook(HookSource source, Class<?> service, Class<?> type, String listedIn) {
        Class<?> other = service == ChatHook.class ? AsyncChatHook.class : ChatHook.class;
        if (other.isAssignableFrom(type)) {
            return source.describe() + ": class " + type.getName() + " is listed in " + listedIn
                    + " but implements " + other.getName() + ": list it in " + ServiceFiles.fileName(other)
                    + " instead";
        }
        return source.describe() + ": class " + type.getName() + " is listed in " + listedIn
                + " but does not implement " + service.getName() + ": implement it, or remove the line";
    }

    /** {@code IllegalStateException: no token}: the exception's class and message, never its stack. */
    static String summary(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        Throwable cause = error;
        // The depth bound guards against cause chains that loop.
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
