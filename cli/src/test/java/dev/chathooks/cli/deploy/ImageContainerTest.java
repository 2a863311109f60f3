package dev.chathooks.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaContainers;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The image built from the repository's Dockerfile runs in a container of 1 GiB (the size docs/operations.md
 * recommends) against a Kafka cluster, becomes healthy through its own health check, serves its metrics with the
 * G1 collector it was measured with, and stops cleanly on SIGTERM. Skipped without a Docker engine.
 */
@KafkaIntegrationTest
@Testcontainers(disabledWithoutDocker = true)
class ImageContainerTest {
    private static final Network NETWORK = Network.newNetwork();
    private static final long ONE_GIB = 1L << 30;

    @Container
    static final KafkaContainer KAFKA =
            KafkaContainers.create().withNetwork(NETWORK).withListener("kafka:19092");

    @Container
    static final GenericContainer<?> CHAT_HOOKS = new GenericContainer<>(
                    new ImageFromDockerfile("chat-hooks-test", true).withDockerfile(DeploymentFiles.DOCKERFILE))
            .withNetwork(NETWORK)
            .dependsOn(KAFKA)
            .withEnv("CHAT_HOOKS_BOOTSTRAP_SERVERS", "kafka:19092")
            .withEnv("CHAT_HOOKS_HOOK_PUSH_MODE", "dry-run")
            .withExposedPorts(9464)
            .withCreateContainerCmdModifier(create -> create.getHostConfig().withMemory(ONE_GIB))
            .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(3)));

    @AfterAll
    static void closeNetwork() {
        NETWORK.close();
    }

    @Test
    void theImageServesItsMetricsAndStopsCleanlyOnSigterm() {
        String metrics = "http://" + CHAT_HOOKS.getHost() + ":" + CHAT_HOOKS.getMappedPort(9464) + "/metrics";
        Await.until("the image serves Chat Hooks metrics", () -> {
            String body = Http.getOk(metrics);
            return body != null && body.contains("chathooks_");
        });
        // The JVM's memory pools are named after the collector; in 1 GiB its ergonomics alone would pick Serial.
        assertThat(Http.getOk(metrics)).contains("id=\"G1 Eden Space\"");

        // docker stop sends SIGTERM; `run` finishes its calls, commits and exits 0.
        CHAT_HOOKS
                .getDockerClient()
                .stopContainerCmd(CHAT_HOOKS.getContainerId())
                .withTimeout(45)
                .exec();
        Long exitCode = CHAT_HOOKS
                .getDockerClient()
                .inspectContainerCmd(CHAT_HOOKS.getContainerId())
                .exec()
                .getState()
                .getExitCodeLong();
        assertThat(exitCode).isZero();
    }
}
