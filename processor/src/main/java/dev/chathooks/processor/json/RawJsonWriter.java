package dev.chathooks.processor.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a JSON object as UTF-8 whose values may be JSON already serialized, copied as they are: an invocation
 * carries the event and the conversation record it was made from, and copying their bytes is many times cheaper
 * than serializing their trees again (that was a fifth of the enrichment's time). Strings are escaped by Jackson.
 * The caller keeps the structure valid: a field, then exactly one value. It writes into one growing array, without
 * the locking of {@code ByteArrayOutputStream}: the writer is one thread's.
 */
public final class RawJsonWriter {
    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

    private byte[] buffer;
    private int length;
    /** Whether the object or array being written needs a comma before its next member. */
    private boolean comma;

    /** @param expectedBytes about how long the result will be */
    public RawJsonWriter(int expectedBytes) {
        this.buffer = new byte[Math.max(16, expectedBytes)];
    }

    /** {@code {} */
    public RawJsonWriter beginObject() {
        separate();
        write('{');
        comma = false;
        return this;
    }

    /** <code>}</code> */
    public RawJsonWriter endObject() {
        write('}');
        comma = true;
        return this;
    }

    /** {@code [} */
    public RawJsonWriter beginArray() {
        separate();
        write('[');
        comma = false;
        return this;
    }

    /** {@code ]} */
    public RawJsonWriter endArray() {
        write(']');
        comma = true;
        return this;
    }

    /** A member's name; its value comes next. */
    public RawJsonWriter field(String name) {
        separate();
        quoted(name);
        write(':');
        comma = false;
        return this;
    }

    /** A member's name written once in advance ({@link #name}); its value comes next. */
    public RawJsonWriter field(Name name) {
        separate();
        write(name.quoted);
        comma = false;
        return this;
    }

    /**
     * A member name quoted and followed by its colon once, for a writer that writes the same names for every record:
     * escaping a name costs as much as copying a short value.
     */
    public static Name name(String name) {
        return new Name(new RawJsonWriter(name.length() + 3).quotedThenColon(name));
    }

    /** A member name as {@link #field(Name)} writes it. */
    public static final class Name {
        private final byte[] quoted;

        private Name(byte[] quoted) {
            this.quoted = quoted;
        }
    }

    /** The strings as a JSON array, to be written with {@link #raw} wherever the same array recurs. */
    public static byte[] stringArray(java.util.Collection<String> values) {
        RawJsonWriter out = new RawJsonWriter(2 + 24 * values.size());
        return out.strings(values).toByteArray();
    }

    private byte[] quotedThenColon(String name) {
        quoted(name);
        write(':');
        return toByteArray();
    }

    /** A string value, or null. */
    public RawJsonWriter string(String value) {
        separate();
        if (value == null) {
            write(NULL);
        } else {
            quoted(value);
        }
        comma = true;
        return this;
    }

    /** An array of strings. */
    public RawJsonWriter strings(Iterable<String> values) {
        beginArray();
        for (String value : values) {
            string(value);
        }
        return endArray();
    }

    /** A number value. */
    public RawJsonWriter number(long value) {
        separate();
        write(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        comma = true;
        return this;
    }

    /** A value given as UTF-8 JSON, which must be exactly one valid JSON value. */
    public RawJsonWriter raw(byte[] json) {
        separate();
        write(json);
        comma = true;
        return this;
    }

    /** What was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
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
            write(',');
        }
    }

    private void quoted(String text) {
        write('"');
        int chars = text.length();
        ensure(chars + 1);
        int start = length;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                length = start; // not plain ASCII: let Jackson escape and encode the whole string
                write(ESCAPER.quoteAsUTF8(text));
                write('"');
                return;
            }
            buffer[length++] = (byte) c;
        }
        write('"');
    }

    private void write(int b) {
        ensure(1);
        buffer[length++] = (byte) b;
    }

    private void write(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
