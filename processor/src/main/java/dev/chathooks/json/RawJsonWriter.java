package dev.chathooks.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;

/**
 * Writes a JSON object as UTF-8 whose values may be JSON already serialized, copied as they are: an invocation
 * carries the event and the conversation record it was made from, and copying their bytes is many times cheaper
 * than serializing their trees again (that was a fifth of the enrichment's time). Strings are escaped by Jackson.
 * The caller keeps the structure valid: a field, then exactly one value.
 */
public final class RawJsonWriter {
    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

    private final ByteArrayOutputStream out;
    /** Whether the object or array being written needs a comma before its next member. */
    private boolean comma;

    /** @param expectedBytes about how long the result will be */
    public RawJsonWriter(int expectedBytes) {
        this.out = new ByteArrayOutputStream(expectedBytes);
    }

    /** {@code {} */
    public RawJsonWriter beginObject() {
        separate();
        out.write('{');
        comma = false;
        return this;
    }

    /** <code>}</code> */
    public RawJsonWriter endObject() {
        out.write('}');
        comma = true;
        return this;
    }

    /** {@code [} */
    public RawJsonWriter beginArray() {
        separate();
        out.write('[');
        comma = false;
        return this;
    }

    /** {@code ]} */
    public RawJsonWriter endArray() {
        out.write(']');
        comma = true;
        return this;
    }

    /** A member's name; its value comes next. */
    public RawJsonWriter field(String name) {
        separate();
        quoted(name);
        out.write(':');
        comma = false;
        return this;
    }

    /** A string value, or null. */
    public RawJsonWriter string(String value) {
        separate();
        if (value == null) {
            out.writeBytes(NULL);
        } else {
            quoted(value);
        }
        comma = true;
        return this;
    }

    /** A number value. */
    public RawJsonWriter number(long value) {
        separate();
        out.writeBytes(Long.toString(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        comma = true;
        return this;
    }

    /** A value given as UTF-8 JSON, which must be exactly one valid JSON value. */
    public RawJsonWriter raw(byte[] json) {
        separate();
        out.writeBytes(json);
        comma = true;
        return this;
    }

    /** What was written. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /**
     * Whether {@code json} can be copied into a UTF-8 document as it is: it must start with <code>{</code> (after
     * JSON whitespace), which rules out a byte-order mark and the UTF-16 and UTF-32 encodings that a JSON parser
     * would also have accepted. The bytes are assumed to be one valid JSON object otherwise.
     */
    public static boolean isPlainUtf8Object(byte[] json) {
        for (byte b : json) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return false;
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private void separate() {
        if (comma) {
            out.write(',');
        }
    }

    private void quoted(String text) {
        out.write('"');
        out.writeBytes(ESCAPER.quoteAsUTF8(text));
        out.write('"');
    }
}
