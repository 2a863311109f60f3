package dev.chathooks.examples.push.notification;

import java.util.function.Predicate;

/**
 * Cuts text to fit a size limit without breaking a character: cuts fall between Unicode code points, so a
 * surrogate pair (an emoji, say) is never split and the UTF-8 stays valid, and a cut text ends with an ellipsis.
 */
final class TextCutter {
    /** Appended to text that was cut. */
    static final String ELLIPSIS = "\u2026";

    private TextCutter() {}

    /**
     * {@code text} itself if {@code fits} accepts it; otherwise its longest prefix (whole code points, trailing
     * whitespace dropped) followed by an ellipsis that {@code fits} accepts, or the empty string if not even the
     * ellipsis alone fits. {@code fits} must be monotonic: if it accepts a text, it accepts every shorter prefix.
     */
    static String cut(String text, Predicate<String> fits) {
        if (fits.test(text)) {
            return text;
        }
        int codePoints = text.codePointCount(0, text.length());
        // Binary search for the most code points whose prefix, with the ellipsis, fits.
        int low = 0;
        int high = codePoints - 1;
        int best = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (fits.test(withEllipsis(text, middle))) {
                best = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return best < 0 ? "" : withEllipsis(text, best);
    }

    private static String withEllipsis(String text, int codePoints) {
        String prefix =
                text.substring(0, text.offsetByCodePoints(0, codePoints)).stripTrailing();
        return prefix + ELLIPSIS;
    }
}
