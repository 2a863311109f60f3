package dev.chathooks.testsupport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A strict reader of the Prometheus text exposition format, version 0.0.4, for tests that scrape a real endpoint.
 * No maintained Java library parses this format (the Prometheus Java client only writes it), so this one follows
 * the format's grammar with a character scanner: {@code # HELP} and {@code # TYPE} lines, samples
 * {@code name{label="value",...} value [timestamp]} with escaped label values, and the rules a scraper enforces:
 * one TYPE per family, before its samples; a family's samples carry its name (with {@code _bucket}, {@code _sum},
 * {@code _count} for histograms and summaries); no series twice; histogram buckets cumulative, ending at
 * {@code +Inf} equal to {@code _count}. Anything else fails with the line number.
 */
public final class PrometheusText {
    /** One sample. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    /** One metric family: its TYPE, HELP and samples. */
    public record Family(String name, String type, String help, List<Sample> samples) {}

    private final Map<String, Family> families;

    private PrometheusText(Map<String, Family> families) {
        this.families = families;
    }

    /**
     * Parses and checks an exposition.
     *
     * @throws IllegalArgumentException naming the line that breaks the format
     */
    public static PrometheusText parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Set<String> seriesSeen = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && parts[1].equals("TYPE")) {
                    String name = checkName(parts[2], number);
                    String type = parts.length == 4 ? parts[3].strip() : "";
                    if (!Set.of("counter", "gauge", "histogram", "summary", "untyped")
                            .contains(type)) {
                        throw new IllegalArgumentException("line " + number + ": unknown type '" + type + "'");
                    }
                    if (families.containsKey(name)) {
                        throw new IllegalArgumentException("line " + number + ": second TYPE for " + name);
                    }
                    families.put(name, new Family(name, type, helps.get(name), new ArrayList<>()));
                } else if (parts.length >= 3 && parts[1].equals("HELP")) {
                    helps.put(checkName(parts[2], number), parts.length == 4 ? parts[3] : "");
                }
                continue;
            }
            Sample sample = new SampleScanner(line, number).sample();
            Family family = familyOf(families, sample.name());
            if (family == null) {
                throw new IllegalArgumentException(
                        "line " + number + ": sample " + sample.name() + " comes before its family's TYPE");
            }
            String series = sample.name() + new TreeMap<>(sample.labels());
            if (!seriesSeen.add(series)) {
                throw new IllegalArgumentException("line " + number + ": series " + series + " appears twice");
            }
            family.samples().add(sample);
        }
        Map<String, Family> withHelp = new LinkedHashMap<>();
        families.forEach((name, family) ->
                withHelp.put(name, new Family(name, family.type(), helps.get(name), List.copyOf(family.samples()))));
        withHelp.values().stream().filter(f -> f.type().equals("histogram")).forEach(PrometheusText::checkHistogram);
        return new PrometheusText(withHelp);
    }

    private static Family familyOf(Map<String, Family> families, String sampleName) {
        Family exact = families.get(sampleName);
        if (exact != null && !exact.type().equals("histogram")) {
            return exact;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sampleName.endsWith(suffix)) {
                Family family = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                if (family != null
                        && (family.type().equals("histogram")
                                || family.type().equals("summary") && !suffix.equals("_bucket"))) {
                    return family;
                }
            }
        }
        return exact != null && exact.type().equals("summary") ? exact : null;
    }

    private static void checkHistogram(Family family) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample sample : family.samples()) {
            if (sample.name().endsWith("_bucket")) {
                Map<String, String> series = new TreeMap<>(sample.labels());
                if (series.remove("le") == null) {
                    throw new IllegalArgumentException(family.name() + ": a bucket without 'le'");
                }
                buckets.computeIfAbsent(series, s -> new ArrayList<>()).add(sample);
            } else if (sample.name().endsWith("_count")) {
                counts.put(new TreeMap<>(sample.labels()), sample.value());
            }
        }
        buckets.forEach((series, list) -> {
            double previousBound = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample bucket : list) {
                double bound = parseValue(bucket.labels().get("le"), 0);
                if (bound <= previousBound || bucket.value() < previousCount) {
                    throw new IllegalArgumentException(family.name() + series + ": buckets are not cumulative");
                }
                previousBound = bound;
                previousCount = bucket.value();
            }
            if (previousBound != Double.POSITIVE_INFINITY
                    || !Double.valueOf(previousCount).equals(counts.get(series))) {
                throw new IllegalArgumentException(family.name() + series + ": no +Inf bucket equal to _count");
            }
        });
    }

    private static String checkName(String name, int line) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_' || name.charAt(0) == ':')) {
            throw new IllegalArgumentException("line " + line + ": bad metric name '" + name + "'");
        }
        for (char c : name.toCharArray()) {
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == ':'))) {
                throw new IllegalArgumentException("line " + line + ": bad metric name '" + name + "'");
            }
        }
        return name;
    }

    private static double parseValue(String text, int line) {
        switch (text) {
            case "+Inf", "Inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "NaN" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + line + ": bad value '" + text + "'");
                }
            }
        }
    }

    /** Scans one sample line. */
    private static final class SampleScanner {
        private final String line;
        private final int number;
        private int at;

        SampleScanner(String line, int number) {
            this.line = line;
            this.number = number;
        }

        Sample sample() {
            String name = checkName(token(), number);
            Map<String, String> labels = new LinkedHashMap<>();
            if (at < line.length() && line.charAt(at) == '{') {
                at++;
                while (peek() != '}') {
                    String label = labelName();
                    expect('=');
                    expect('"');
                    if (labels.put(label, labelValue()) != null) {
                        throw fail("label " + label + " twice");
                    }
                    if (peek() == ',') {
                        at++;
                    } else if (peek() != '}') {
                        throw fail("expected ',' or '}'");
                    }
                }
                at++;
            }
            expect(' ');
            String[] rest = line.substring(at).strip().split(" +");
            if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
                throw fail("expected a value and maybe a timestamp");
            }
            double value = parseValue(rest[0], number);
            if (rest.length == 2) {
                try {
                    Long.parseLong(rest[1]);
                } catch (NumberFormatException e) {
                    throw fail("bad timestamp '" + rest[1] + "'");
                }
            }
            return new Sample(name, Map.copyOf(labels), value);
        }

        private String token() {
            int start = at;
            while (at < line.length() && line.charAt(at) != '{' && line.charAt(at) != ' ') {
                at++;
            }
            return line.substring(start, at);
        }

        private String labelName() {
            int start = at;
            while (at < line.length() && (Character.isLetterOrDigit(line.charAt(at)) || line.charAt(at) == '_')) {
                at++;
            }
            if (start == at || Character.isDigit(line.charAt(start))) {
                throw fail("bad label name");
            }
            return line.substring(start, at);
        }

        private String labelValue() {
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    char escaped = next();
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw fail("bad escape \\" + escaped);
                    }
                } else {
                    value.append(c);
                }
            }
        }

        private char peek() {
            if (at >= line.length()) {
                throw fail("line ends too early");
            }
            return line.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw fail("expected '" + c + "'");
            }
        }

        private IllegalArgumentException fail(String what) {
            return new IllegalArgumentException("line " + number + ", column " + (at + 1) + ": " + what + ": " + line);
        }
    }

    /** The families, by name. */
    public Map<String, Family> families() {
        return families;
    }

    /** The family {@code name}. */
    public Family family(String name) {
        Family family = families.get(name);
        if (family == null) {
            throw new AssertionError("no metric family " + name + " in the exposition; families: " + families.keySet());
        }
        return family;
    }

    /**
     * The sum of the samples called {@code sampleName} whose labels include {@code labels} (name, value pairs):
     * 0 when there is none.
     */
    public double sum(String sampleName, String... labels) {
        double sum = 0;
        for (Family family : families.values()) {
            for (Sample sample : family.samples()) {
                if (sample.name().equals(sampleName) && matches(sample, labels)) {
                    sum += sample.value();
                }
            }
        }
        return sum;
    }

    /** The samples called {@code sampleName}. */
    public List<Sample> samples(String sampleName) {
        List<Sample> found = new ArrayList<>();
        families.values()
                .forEach(f -> f.samples().stream()
                        .filter(s -> s.name().equals(sampleName))
                        .forEach(found::add));
        return found;
    }

    private static boolean matches(Sample sample, String[] labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
