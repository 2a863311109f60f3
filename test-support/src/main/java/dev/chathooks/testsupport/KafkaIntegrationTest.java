package dev.chathooks.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that runs against a real Kafka broker (the in-process one, or a container). They all run in
 * the normal build; the tag lets a quick local loop leave them out with {@code -Dsurefire.excludedGroups=kafka}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(KafkaIntegrationTest.TAG)
public @interface KafkaIntegrationTest {
    /** The JUnit tag of these tests. */
    String TAG = "kafka";
}
