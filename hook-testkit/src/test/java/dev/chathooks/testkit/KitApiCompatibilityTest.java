package dev.chathooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.apisignatures.ApiBaseline;
import dev.chathooks.apisignatures.ApiSignatures;
import dev.chathooks.apisignatures.ApiTypes;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Guards the kit's API as {@code ApiCompatibilityTest} guards {@code hook-api}'s: every exported type of
 * {@code dev.chathooks.testkit} and its public or protected members, as signature lines, must equal the checked-in
 * {@code hook-testkit/api-baseline.txt}. A gone or changed line breaks hook authors' tests; an added one fails until
 * the baseline is regenerated on purpose with
 * {@code mvn -o -pl hook-testkit test -Dtest=KitApiCompatibilityTest -Dapi.update=true}.
 */
class KitApiCompatibilityTest {
    private static final Path BASELINE = Path.of("api-baseline.txt");

    @Test
    void theKitsApiMatchesTheBaseline() throws IOException {
        ApiBaseline compared = ApiBaseline.compare(ApiSignatures.of(ApiTypes.exported(HookTester.class)), BASELINE);
        assertThat(compared.removedOrChanged())
                .as(
                        "incompatible change of the kit's API: these signatures of %s are gone or changed (hook authors'"
                                + " tests would break); added or changed now: %s",
                        BASELINE.toAbsolutePath(), compared.added())
                .isEmpty();
        assertThat(compared.added())
                .as("the kit's API grew; if on purpose, regenerate the baseline with"
                        + " `mvn -o -pl hook-testkit test -Dtest=KitApiCompatibilityTest -Dapi.update=true`")
                .isEmpty();
    }
}
