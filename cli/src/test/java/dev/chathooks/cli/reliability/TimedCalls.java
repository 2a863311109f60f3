package dev.chathooks.cli.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The journal's calls, each stamped with when the test first saw it. */
final class TimedCalls {
    /** A call as the test saw it appear in the journal (polled every 20 ms). */
    record TimedCall(Call call, long seenAt) {
        String instance() {
            return call.instance();
        }

        String conversation() {
            return call.conversationId();
        }
    }

    private final JournalFile journal;
    private final List<TimedCall> seen = new ArrayList<>();

    TimedCalls(JournalFile journal) {
        this.journal = journal;
    }

    List<TimedCall> poll() {
        long now = System.nanoTime();
        List<Call> all = journal.calls();
        for (int i = seen.size(); i < all.size(); i++) {
            seen.add(new TimedCall(all.get(i), now));
        }
        return seen;
    }

    void pollFor(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            poll();
            Thread.sleep(20);
        }
    }

    int size() {
        return seen.size();
    }
}
