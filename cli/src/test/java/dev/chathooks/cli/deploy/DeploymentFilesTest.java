package dev.chathooks.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.cli.ChatHooksCommand;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.config.ConfigException;
import dev.chathooks.processor.config.ConfigSources;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.plugins.PluginLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Dockerfile, docker-compose.yml (with its override files deploy/push-send.yml, deploy/webhook.yml and
 * deploy/one-topic.yml) and deploy/prometheus.yml agree with the code: the configuration they set is valid, the
 * commands and flags they use exist, and Prometheus scrapes the management port.
 */
class DeploymentFilesTest {
    private static final String JAR = "/opt/chat-hooks/chat-hooks.jar";

    @Test
    void everyChatHooksVariableTheFilesSetIsAValidKeyForAHookTheImageShips() {
        Map<String, List<String>> invocations = cliInvocations();
        for (Map.Entry<String, Map<String, String>> service :
                chatHooksEnvironments().entrySet()) {
            Map<String, String> keys = ConfigSources.fromEnvironment(service.getValue());
            assertThat(keys).as(service.getKey()).isNotEmpty();

            ChatHooksConfig.of(keys); // throws, naming the key, as `run` does

            Set<String> shippedHooks = hookNamesLoadedBy(invocations.get(service.getKey()));
            Set<String> running = new TreeSet<>(shippedHooks);
            running.addAll(ChatHooksConfig.of(keys).instances().keySet());
            for (String key : keys.keySet()) {
                if (key.startsWith("hook.")) {
                    String hook = key.substring("hook.".length(), key.indexOf('.', "hook.".length()));
                    assertThat(running).as(service.getKey() + " sets " + key).contains(hook);
                }
            }
            ChatHooksConfig.of(keys)
                    .instances()
                    .forEach((instance, hook) -> assertThat(shippedHooks)
                            .as(service.getKey() + " declares instances." + instance)
                            .contains(hook));
        }
    }

    @Test
    void aMisspelledVariableFailsTheSameValidation() {
        Map<String, String> keys = ConfigSources.fromEnvironment(Map.of("CHAT_HOOKS_TOPICS_MESAGES", "chat.messages"));

        assertThatThrownBy(() -> ChatHooksConfig.of(keys))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topics.mesages");
    }

    @Test
    void everyCommandAndFlagTheFilesUseExistsInTheCli() {
        for (Map.Entry<String, List<String>> invocation : cliInvocations().entrySet()) {
            List<String> args = invocation.getValue();
            CommandLine commandLine = new CommandLine(new ChatHooksCommand());

            CommandLine.ParseResult parsed = commandLine.parseArgs(args.toArray(String[]::new));

            assertThat(parsed.hasSubcommand())
                    .as(invocation.getKey() + ": " + args)
                    .isTrue();
        }
    }

    @Test
    void prometheusScrapesTheManagementPortOfEveryChatHooksInstance() {
        String managementPort =
                Integer.toString(ChatHooksConfig.defaultConfig().management().port());
        JsonNode services = DeploymentFiles.yaml(DeploymentFiles.COMPOSE).get("services");
        List<String> jobs = new ArrayList<>();

        for (JsonNode job : DeploymentFiles.yaml(DeploymentFiles.PROMETHEUS).get("scrape_configs")) {
            jobs.add(job.get("job_name").asText());
            assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
            for (JsonNode discovery : job.get("dns_sd_configs")) {
                assertThat(discovery.get("type").asText()).isEqualTo("A");
                assertThat(discovery.get("port").asText()).isEqualTo(managementPort);
                discovery
                        .get("names")
                        .forEach(name -> assertThat(services.has(name.asText()))
                                .as("a compose service named " + name)
                                .isTrue());
            }
        }
        assertThat(jobs).containsExactly("chat-hooks");
        assertThat(services.get("chat-hooks").get("expose"))
                .extracting(JsonNode::asText)
                .contains(managementPort);
        assertThat(DeploymentFiles.finalStage("EXPOSE")).contains("EXPOSE " + managementPort);
    }

    @Test
    void theChatHooksServiceScalesWithNoFixedNameOrHostPort() {
        JsonNode chatHooks =
                DeploymentFiles.yaml(DeploymentFiles.COMPOSE).get("services").get("chat-hooks");

        assertThat(chatHooks.has("container_name")).isFalse();
        assertThat(chatHooks.has("ports")).isFalse();
        assertThat(chatHooks.has("build")).isTrue();
        assertThat(chatHooks.has("volumes"))
                .as("a shared volume would give replicas one data directory")
                .isFalse();
    }

    @Test
    void theImageRunsAsNonRootWithItsDataDirectoryAVolumeAndAContainerAwareHeap() {
        List<String> entrypoint = DeploymentFiles.execForm(
                DeploymentFiles.finalStage("ENTRYPOINT").get(0), "ENTRYPOINT");
        List<String> command =
                DeploymentFiles.execForm(DeploymentFiles.finalStage("CMD").get(0), "CMD");
        String dataDir = command.get(command.indexOf("--data-dir") + 1);

        assertThat(DeploymentFiles.finalStage("USER"))
                .hasSize(1)
                .noneMatch(user -> user.matches("USER (root|0)(:.*)?"));
        assertThat(DeploymentFiles.finalStage("VOLUME")).contains("VOLUME " + dataDir);
        assertThat(entrypoint).first().isEqualTo("java");
        assertThat(entrypoint).anyMatch(option -> option.startsWith("-XX:MaxRAMPercentage="));
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", JAR);
        assertThat(DeploymentFiles.finalStage("HEALTHCHECK")).hasSize(1);
    }

    @Test
    void theImagesPluginsAreTheExampleHooksItCopiesIn() {
        assertThat(hookNamesInTheImage()).contains("logging", "push");
    }

    @Test
    void theWebhookOverrideLoadsTheWebhookHookTheImageShipsWithItsSecretInAFile() {
        JsonNode chatHooks = DeploymentFiles.yaml(DeploymentFiles.COMPOSE_WEBHOOK)
                .get("services")
                .get("chat-hooks");
        List<String> command = DeploymentFiles.command(chatHooks);

        assertThat(hookNamesLoadedBy(command)).containsExactlyInAnyOrder("logging", "push", "webhook");
        assertThat(command.get(command.indexOf("--config") + 1)).startsWith("/run/secrets/");
        assertThat(DeploymentFiles.environment(chatHooks))
                .as("no secret in the environment")
                .containsKey("CHAT_HOOKS_HOOK_WEBHOOK_URL")
                .doesNotContainKey("CHAT_HOOKS_HOOK_WEBHOOK_SECRET");
    }

    /** Every way the files start the application: the image's default, its health check, and compose's commands. */
    private static Map<String, List<String>> cliInvocations() {
        Map<String, List<String>> invocations = new LinkedHashMap<>();
        List<String> imageCommand =
                DeploymentFiles.execForm(DeploymentFiles.finalStage("CMD").get(0), "CMD");
        invocations.put("Dockerfile CMD", imageCommand);
        List<String> healthCheck = DeploymentFiles.execForm(
                DeploymentFiles.finalStage("HEALTHCHECK").get(0), " CMD ");
        invocations.put("Dockerfile HEALTHCHECK", afterJar(healthCheck));
        JsonNode services = DeploymentFiles.yaml(DeploymentFiles.COMPOSE).get("services");
        for (String service : chatHooksServices(services)) {
            List<String> command = DeploymentFiles.command(services.get(service));
            invocations.put("docker-compose.yml " + service, command.isEmpty() ? imageCommand : command);
            // An override file's command replaces the base file's.
            for (Path file : DeploymentFiles.COMPOSE_OVERRIDES) {
                JsonNode override = DeploymentFiles.yaml(file).get("services").path(service);
                List<String> overridden = DeploymentFiles.command(override);
                invocations.put(
                        where(file) + service,
                        overridden.isEmpty() ? invocations.get("docker-compose.yml " + service) : overridden);
            }
            JsonNode test = services.get(service).path("healthcheck").path("test");
            if (test.isArray() && test.size() > 1) {
                List<String> words = new ArrayList<>();
                test.forEach(word -> words.add(word.asText()));
                invocations.put("docker-compose.yml " + service + " healthcheck", afterJar(words));
            }
        }
        return invocations;
    }

    private static List<String> afterJar(List<String> javaCommand) {
        int jar = javaCommand.indexOf("-jar");
        assertThat(jar).as("runs the jar: " + javaCommand).isNotNegative();
        assertThat(javaCommand.get(jar + 1)).isEqualTo(JAR);
        return javaCommand.subList(jar + 2, javaCommand.size());
    }

    /** The environment of every service that runs the Chat Hooks image, in each compose file, by where it is. */
    private static Map<String, Map<String, String>> chatHooksEnvironments() {
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        JsonNode base = DeploymentFiles.yaml(DeploymentFiles.COMPOSE).get("services");
        for (String service : chatHooksServices(base)) {
            environments.put("docker-compose.yml " + service, DeploymentFiles.environment(base.get(service)));
        }
        // An override file adds to the base file's environment.
        for (Path file : DeploymentFiles.COMPOSE_OVERRIDES) {
            JsonNode override = DeploymentFiles.yaml(file).get("services");
            for (String service : chatHooksServices(base)) {
                if (override.has(service)) {
                    Map<String, String> merged = new LinkedHashMap<>(DeploymentFiles.environment(base.get(service)));
                    merged.putAll(DeploymentFiles.environment(override.get(service)));
                    environments.put(where(file) + service, merged);
                }
            }
        }
        return environments;
    }

    /** How an override file's services are named in this test's messages: {@code deploy/<file> }. */
    private static String where(Path overrideFile) {
        return DeploymentFiles.REPO.relativize(overrideFile) + " ";
    }

    private static List<String> chatHooksServices(JsonNode services) {
        String image = services.get("chat-hooks").get("image").asText();
        List<String> names = new ArrayList<>();
        services.fields().forEachRemaining(service -> {
            if (service.getValue().path("image").asText().equals(image)) {
                names.add(service.getKey());
            }
        });
        return names;
    }

    /** The hooks the image's default command loads. */
    private static Set<String> hookNamesInTheImage() {
        return hookNamesLoadedBy(
                DeploymentFiles.execForm(DeploymentFiles.finalStage("CMD").get(0), "CMD"));
    }

    /**
     * The hooks {@code command} loads in the image: each {@code --plugins} folder must be copied in from an
     * example's build output, which is loaded here with the processor's own plugin loader.
     */
    private static Set<String> hookNamesLoadedBy(List<String> command) {
        Map<String, String> copied = new LinkedHashMap<>();
        for (String copy : DeploymentFiles.finalStage("COPY")) {
            String[] words = copy.split("\\s+");
            copied.put(strip(words[words.length - 1]), strip(words[words.length - 2]));
        }
        List<Path> plugins = new ArrayList<>();
        for (int i = 0; i < command.size() - 1; i++) {
            if (command.get(i).equals("--plugins")) {
                String source = copied.get(strip(command.get(i + 1)));
                assertThat(source)
                        .as("a COPY into " + command.get(i + 1))
                        .isNotNull()
                        .startsWith("/src/");
                plugins.add(DeploymentFiles.REPO.resolve(source.substring("/src/".length())));
            }
        }
        Set<String> names = new TreeSet<>();
        for (LoadedHook hook : new PluginLoader(DeploymentFilesTest.class.getClassLoader()).load(plugins)) {
            names.add(hook.name());
        }
        return names;
    }

    private static String strip(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
