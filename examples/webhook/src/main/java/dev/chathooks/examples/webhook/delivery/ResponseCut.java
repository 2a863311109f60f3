package dev.chathooks.examples.webhook.delivery;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Reads a response body, keeping only its first bytes: enough to quote it in a failure's reason, however large the
 * body is. The rest is read and dropped, so the connection can be used again.
 */
final class ResponseCut implements Flow.Subscriber<List<ByteBuffer>> {
    /** How many bytes of a failed response's body a reason quotes. */
    static final int LIMIT = 200;

    private final byte[] kept = new byte[LIMIT];
    private int length;
    private boolean more;

    /** A body handler for failed responses: their status and the start of their body. */
    static HttpResponse.BodySubscriber<String> subscriber() {
        ResponseCut cut = new ResponseCut();
        return HttpResponse.BodySubscribers.fromSubscriber(cut, ResponseCut::text);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), LIMIT - length);
            buffer.get(kept, length, take);
            length += take;
            more |= buffer.hasRemaining();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        // The response ended early: the reason quotes what came.
    }

    @Override
    public void onComplete() {}

    /** What was kept as one line of printable text, marked when it was cut. */
    private String text() {
        String text = new String(kept, 0, length, StandardCharsets.UTF_8)
                .replaceAll("[\\p{Cntrl}\\s]+", " ")
                .trim();
        return more ? text + "..." : text;
    }
}
