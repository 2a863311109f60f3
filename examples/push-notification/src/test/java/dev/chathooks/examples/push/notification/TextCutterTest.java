package dev.chathooks.examples.push.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextCutterTest {
    private static boolean fitsBytes(String text, int limit) {
        return text.getBytes(StandardCharsets.UTF_8).length <= limit;
    }

    @Test
    void textThatFitsIsLeftAlone() {
        assertThat(TextCutter.cut("hello", text -> fitsBytes(text, 5))).isEqualTo("hello");
    }

    @Test
    void textThatDoesNotFitEndsWithAnEllipsisAndFits() {
        String cut = TextCutter.cut("hello world", text -> fitsBytes(text, 8));
        assertThat(cut).isEqualTo("hello\u2026");
        assertThat(fitsBytes(cut, 8)).isTrue();
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        // Each emoji is 2 chars and 4 UTF-8 bytes; the ellipsis is 3 bytes.
        String cut = TextCutter.cut("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", text -> fitsBytes(text, 10));
        assertThat(cut).isEqualTo("\uD83D\uDE00\u2026");
    }

    @Test
    void trailingSpaceBeforeTheEllipsisIsDropped() {
        assertThat(TextCutter.cut("ab   cdefgh", text -> text.length() <= 6)).isEqualTo("ab\u2026");
    }

    @Test
    void nothingFitsGivesTheEmptyString() {
        assertThat(TextCutter.cut("hello", text -> text.isEmpty())).isEmpty();
    }
}
