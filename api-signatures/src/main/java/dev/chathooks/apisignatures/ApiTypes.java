package dev.chathooks.apisignatures;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The types of a package that code outside it can name, found from its class files. */
public final class ApiTypes {
    private ApiTypes() {}

    /**
     * Every exported type of {@code anchor}'s package: its public top-level types and, inside them, their public or
     * protected nested types, at any depth. Read from the folder or jar that holds {@code anchor}, so a type added to
     * the package is found without being listed.
     *
     * @param anchor any class of the package
     * @return the types, top-level ones in the order of their names, each followed by its nested ones
     * @throws IOException if the package's class files cannot be listed
     */
    public static List<Class<?>> exported(Class<?> anchor) throws IOException {
        String packageName = anchor.getPackageName();
        List<Class<?>> types = new ArrayList<>();
        for (String name : topLevelClassNames(anchor)) {
            try {
                addIfExported(Class.forName(packageName + "." + name, false, anchor.getClassLoader()), types);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("A class file of " + packageName + " names no class: " + name, e);
            }
        }
        return types;
    }

    private static void addIfExported(Class<?> type, List<Class<?>> types) {
        boolean exported = Modifier.isPublic(type.getModifiers())
                || (type.isMemberClass() && Modifier.isProtected(type.getModifiers()));
        if (!exported || type.isSynthetic()) {
            return;
        }
        types.add(type);
        for (Class<?> nested : type.getDeclaredClasses()) {
            addIfExported(nested, types);
        }
    }

    private static List<String> topLevelClassNames(Class<?> anchor) throws IOException {
        Path location;
        try {
            location = Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String folder = anchor.getPackageName().replace('.', '/');
        if (Files.isDirectory(location)) {
            return classNamesIn(location.resolve(folder));
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return classNamesIn(jar.getPath(folder));
        }
    }

    private static List<String> classNamesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name ->
                            name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .sorted()
                    .toList();
        }
    }
}
