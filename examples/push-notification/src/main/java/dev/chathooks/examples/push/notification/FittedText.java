package dev.chathooks.examples.push.notification;

import java.util.function.BiPredicate;

/**
 * A title and body cut so that the payload they make fits a limit.
 *
 * @param title the title, null for none
 * @param body the body
 */
record FittedText(String title, String body) {
    /**
     * Cuts the body, and the title only if the title alone leaves no room for a body (then it gets half the
     * room), so that {@code fits} accepts the pair. {@code fits} must accept shorter texts when it accepts longer.
     */
    static FittedText fit(String title, String body, BiPredicate<String, String> fits) {
        if (fits.test(title, body)) {
            return new FittedText(title, body);
        }
        String cutBody = TextCutter.cut(body, candidate -> fits.test(title, candidate));
        if (!cutBody.isEmpty() || title == null) {
            return new FittedText(title, cutBody);
        }
        String shortBody = TextCutter.ELLIPSIS;
        String cutTitle = TextCutter.cut(title, candidate -> fits.test(candidate + candidate, shortBody));
        return new FittedText(cutTitle, TextCutter.cut(body, candidate -> fits.test(cutTitle, candidate)));
    }
}
