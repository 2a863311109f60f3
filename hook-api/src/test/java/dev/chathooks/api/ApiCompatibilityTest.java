package dev.chathooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.apisignatures.ApiBaseline;
import dev.chathooks.apisignatures.ApiSignatures;
import dev.chathooks.apisignatures.ApiTypes;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Guards the hook API against accidental breaks. Every public type of {@code dev.chathooks.api} (found on the class
 * path, so a new type is covered without being listed) and every public or protected member of it is written as one
 * signature line; the lines must equal the checked-in {@code hook-api/api-baseline.txt}. A removed or changed line
 * breaks hooks already built, so the test fails naming it; an added line fails too, until the baseline is
 * regenerated on purpose with {@code mvn -o -pl hook-api test -Dtest=ApiCompatibilityTest -Dapi.update=true}
 * (see docs/architecture.md), so that every change of the API is a reviewed change of that file.
 */
class ApiCompatibilityTest {
    /** Relative to the module's folder, where Surefire runs the tests. */
    private static final Path BASELINE = Path.of("api-baseline.txt");

    @Test
    void thePublicApiMatchesTheBaseline() throws IOException {
        ApiBaseline compared = ApiBaseline.compare(ApiSignatures.of(ApiTypes.exported(ChatHook.class)), BASELINE);
        assertThat(compared.removedOrChanged())
                .as(
                        "incompatible change of the hook API: these signatures of %s are gone or changed (hooks built"
                                + " against them would break); added or changed now: %s",
                        BASELINE.toAbsolutePath(), compared.added())
                .isEmpty();
        assertThat(compared.added())
                .as("the hook API grew; if on purpose, regenerate the baseline with"
                        + " `mvn -o -pl hook-api test -Dtest=ApiCompatibilityTest -Dapi.update=true`")
                .isEmpty();
    }

    @Test
    void everyPublicTypeOfThePackageIsCovered() throws IOException {
        // The scan must see the types the old hand-written list named, and nested public types.
        assertThat(ApiTypes.exported(ChatHook.class))
                .contains(
                        ChatHook.class,
                        AsyncChatHook.class,
                        HookMetrics.Counter.class,
                        TypingEvent.State.class,
                        PermanentHookFailureException.class);
    }
}
