package dev.chathooks.cli.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The deployment files at the top of the repository, read as Docker, Compose and Prometheus read them. */
final class DeploymentFiles {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path DOCKERFILE = REPO.resolve("Dockerfile");
    static final Path COMPOSE = REPO.resolve("docker-compose.yml");
    static final Path COMPOSE_PUSH_SEND = REPO.resolve("deploy/push-send.yml");
    static final Path COMPOSE_WEBHOOK = REPO.resolve("deploy/webhook.yml");
    static final Path COMPOSE_ONE_TOPIC = REPO.resolve("deploy/one-topic.yml");
    /** The override files, which a user adds to docker-compose.yml's with {@code -f}. */
    static final List<Path> COMPOSE_OVERRIDES = List.of(COMPOSE_PUSH_SEND, COMPOSE_WEBHOOK, COMPOSE_ONE_TOPIC);

    static final Path PROMETHEUS = REPO.resolve("deploy/prometheus.yml");
    static final Path DASHBOARDS = REPO.resolve("deploy/grafana/dashboards");
    static final Path GRAFANA_PROVISIONING = REPO.resolve("deploy/grafana/provisioning");

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Compose's interpolation: ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private DeploymentFiles() {}

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid YAML", e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid JSON", e);
        }
    }

    /**
     * A string as Compose interpolates it with no variable set: a default where one is given, a stand-in where
     * the variable is required (its value is the operator's), empty otherwise.
     */
    static String interpolate(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String operator = matcher.group(2);
            String replacement = operator == null ? "" : operator.endsWith("-") ? matcher.group(3) : "operator-value";
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** A service's environment, in either of Compose's forms (a map, or a list of NAME=value), interpolated. */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(field -> environment.put(
                            field.getKey(), interpolate(field.getValue().asText())));
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String entry = item.asText();
                int eq = entry.indexOf('=');
                environment.put(
                        eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : interpolate(entry.substring(eq + 1)));
            }
        }
        return environment;
    }

    /** A service's command, interpolated; empty when it keeps the image's. */
    static List<String> command(JsonNode service) {
        List<String> command = new ArrayList<>();
        JsonNode node = service.path("command");
        if (node.isTextual()) {
            for (String word : node.textValue().trim().split("\\s+")) {
                command.add(interpolate(word));
            }
        } else {
            node.forEach(word -> command.add(interpolate(word.asText())));
        }
        return command;
    }

    /** The Dockerfile's instructions, continuation lines joined and comments left out. */
    static List<String> dockerfileInstructions() {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (String line : Files.readAllLines(DOCKERFILE)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || trimmed.isEmpty() && current.length() == 0) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                } else {
                    current.append(trimmed);
                    instructions.add(current.toString().strip());
                    current.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return instructions;
    }

    /** The instructions of the last stage (the image that runs) that start with {@code keyword}. */
    static List<String> finalStage(String keyword) {
        List<String> instructions = dockerfileInstructions();
        int lastFrom = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        return instructions.subList(lastFrom, instructions.size()).stream()
                .filter(instruction -> instruction.startsWith(keyword + " "))
                .toList();
    }

    /** The exec-form JSON array that follows {@code prefix} in an instruction. */
    static List<String> execForm(String instruction, String prefix) {
        String rest = instruction
                .substring(instruction.indexOf(prefix) + prefix.length())
                .strip();
        if (!rest.startsWith("[")) {
            throw new AssertionError("not in exec form (a JSON array): " + instruction);
        }
        try {
            return JSON.readValue(rest, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new AssertionError("not a JSON array of strings: " + instruction, e);
        }
    }
}
