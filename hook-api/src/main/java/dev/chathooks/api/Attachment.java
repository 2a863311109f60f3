package dev.chathooks.api;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A message's attachment: {@code name}, {@code content_type}, {@code url} and {@code size} in bytes. */
public final class Attachment extends ChatObject {
    private Attachment(Map<String, ?> fields) {
        super(fields);
    }

    /**
     * An attachment with the given fields.
     *
     * @throws IllegalArgumentException if a value is not JSON-shaped
     */
    public static Attachment of(Map<String, ?> fields) {
        return new Attachment(fields);
    }

    /** The file name. */
    public Optional<String> name() {
        return getString("name");
    }

    /** The MIME type. */
    public Optional<String> contentType() {
        return getString("content_type");
    }

    /** Where the file can be fetched. */
    public Optional<String> url() {
        return getString("url");
    }

    /** The size in bytes. */
    public OptionalLong size() {
        return getLong("size");
    }

    @Override
    public String toString() {
        return "Attachment{}";
    }
}
