package dev.chathooks.processor.plugins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code META-INF/services} files that {@link java.util.ServiceLoader} reads, with the same rules, so
 * that when ServiceLoader refuses a provider the loader knows which classes were listed, and where, and can say
 * what is wrong with each.
 */
final class ServiceFiles {
    private ServiceFiles() {}

    /** The classes listed for one service, each with the file that lists it first, and the files' syntax faults. */
    record Listing(Map<String, String> classToFile, List<String> files, List<String> problems) {
        Listing {
            classToFile = Collections.unmodifiableMap(new LinkedHashMap<>(classToFile));
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    /** The file name a provider of {@code service} is listed in, such as {@code META-INF/services/a.B}. */
    static String fileName(Class<?> service) {
        return "META-INF/services/" + service.getName();
    }

    /**
     * Every class that {@code loader} lists for {@code service}, in ServiceLoader's order. A file with a line
     * that is not a class name is left out entirely, as ServiceLoader leaves it out, and reported as a problem.
     */
    static Listing read(ClassLoader loader, Class<?> service) throws IOException {
        Map<String, String> classToFile = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Enumeration<URL> urls = loader.getResources(fileName(service));
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            String where = describe(url);
            files.add(where);
            List<String> names = new ArrayList<>();
            String fault = parse(url, names);
            if (fault != null) {
                problems.add(where + " " + fault + ": write one fully qualified class name per line "
                        + "(# starts a comment); ServiceLoader ignores this whole file until it is fixed");
                continue;
            }
            for (String name : names) {
                classToFile.putIfAbsent(name, where);
            }
        }
        return new Listing(classToFile, files, problems);
    }

    /** Adds the names {@code url} lists to {@code names}; returns what is wrong with the file, or null. */
    private static String parse(URL url, List<String> names) throws IOException {
        URLConnection connection = url.openConnection();
        // A cached JarFile would stay open after the plugin's class loader is closed.
        connection.setUseCaches(false);
        try (InputStream in = connection.getInputStream();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!isClassName(name)) {
                    return "has '" + name + "' on line " + number + ", which is not a class name";
                }
                names.add(name);
            }
        }
        return null;
    }

    private static boolean isClassName(String name) {
        if (!Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        return name.codePoints().allMatch(c -> c == '.' || Character.isJavaIdentifierPart(c));
    }

    /** {@code META-INF/services/a.B in /plugins/x.jar}, or the URL when it is not in a JAR file. */
    static String describe(URL url) {
        String text = url.toString();
        int separator = text.indexOf("!/");
        if ("jar".equals(url.getProtocol()) && separator > 0) {
            String entry = text.substring(separator + 2);
            try {
                Path jar = Path.of(new URL(text.substring("jar:".length(), separator)).toURI());
                return entry + " in " + jar;
            } catch (IOException | URISyntaxException | RuntimeException e) {
                return entry + " in " + text.substring("jar:".length(), separator);
            }
        }
        return text;
    }
}
