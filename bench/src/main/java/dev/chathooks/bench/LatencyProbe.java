package dev.chathooks.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Produce-to-hook-call times: the sender says which event it is about to send, the hook says which event it is
 * called for, and the time between the two (one clock, {@link System#nanoTime}, one process) is recorded in an
 * HdrHistogram, in microseconds with three significant digits.
 */
final class LatencyProbe {
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Recorder recorder = new Recorder(3);

    /** Called by the sender just before it hands the event to the producer. */
    void sending(String eventId) {
        sentAt.put(eventId, System.nanoTime());
    }

    /** Called by the hook; events not announced (warm-up, other phases) are ignored. */
    void called(String eventId) {
        Long sent = sentAt.remove(eventId);
        if (sent != null) {
            recorder.recordValue(Math.max(0, (System.nanoTime() - sent) / 1_000));
        }
    }

    /** Everything recorded so far; the figures are in microseconds. */
    Histogram histogram() {
        return recorder.getIntervalHistogram();
    }

    /** Events announced whose call has not come (yet): events that make no call, such as a re-added member. */
    int waiting() {
        return sentAt.size();
    }
}
