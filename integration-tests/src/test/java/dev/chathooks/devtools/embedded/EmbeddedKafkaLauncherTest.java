package dev.chathooks.devtools.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.runtime.LocalBroker;
import org.junit.jupiter.api.Test;

/** With devtools on the class path, the core's runtime finds the embedded broker through its service file. */
class EmbeddedKafkaLauncherTest {

    @Test
    void theCoreFindsTheEmbeddedBrokerAsItsLocalBrokerLauncher() {
        assertThat(LocalBroker.launcher()).isInstanceOf(EmbeddedKafkaLauncher.class);
    }
}
