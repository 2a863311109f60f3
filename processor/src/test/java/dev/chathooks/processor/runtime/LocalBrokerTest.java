package dev.chathooks.processor.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.processor.errors.UserErrorException;
import org.junit.jupiter.api.Test;

/**
 * The core alone (this module's tests have no devtools on their class path) has no broker to start: asking for one
 * is a user error that names {@code bootstrap.servers}, not a crash.
 */
class LocalBrokerTest {

    @Test
    void withoutDevtoolsAskingForALocalBrokerIsAUserErrorNamingBootstrapServers() {
        assertThatThrownBy(LocalBroker::launcher)
                .isInstanceOf(UserErrorException.class)
                .hasMessageContaining("bootstrap.servers is not set")
                .hasMessageContaining("devtools");
    }
}
