package dev.chathooks.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An immutable JSON object: the fields of a record as the chat server sent them, every unknown field kept.
 *
 * <p>Values are {@code String}, {@code Boolean}, {@code Long}, {@code Double} (or {@code BigInteger} and
 * {@code BigDecimal} where a number does not fit), {@code null}, an unmodifiable {@code Map<String, Object>} for a
 * nested object and an unmodifiable {@code List<Object>} for a list. The typed accessors of the subclasses read
 * the well-known fields; {@link #get(String)} and the {@code get...} methods here read every field. A typed
 * accessor never throws for a field of the wrong JSON type: it answers as if the field were absent.
 *
 * <p>{@link #toString()} shows the kind and the id only, never chat content, so an object can be logged safely.
 */
public class ChatObject {
    private final Map<String, Object> fields;

    /**
     * Copies {@code fields} deeply; later changes to the given map do not show through.
     *
     * @throws NullPointerException if fields is null
     * @throws IllegalArgumentException if a value is not JSON-shaped
     */
    protected ChatObject(Map<String, ?> fields) {
        this.fields = JsonValues.copyObject(Objects.requireNonNull(fields, "fields is null"));
    }

    /**
     * An object with the given fields.
     *
     * @throws IllegalArgumentException if a value is not JSON-shaped
     */
    public static ChatObject of(Map<String, ?> fields) {
        return new ChatObject(fields);
    }

    /** Every field, unmodifiable, in the order the chat server sent them. */
    public final Map<String, Object> fields() {
        return fields;
    }

    /** Whether the field is present (possibly with a JSON null). */
    public final boolean has(String name) {
        return fields.containsKey(name);
    }

    /** The field's value, or null when it is absent or JSON null. */
    public final Object get(String name) {
        return fields.get(name);
    }

    /** The field as a string, empty when it is absent or not a string. */
    public final Optional<String> getString(String name) {
        Object value = fields.get(name);
        return value instanceof String ? Optional.of((String) value) : Optional.empty();
    }

    /** The field as a boolean, {@code fallback} when it is absent or not a boolean. */
    public final boolean getBoolean(String name, boolean fallback) {
        Object value = fields.get(name);
        return value instanceof Boolean ? (Boolean) value : fallback;
    }

    /** The field as a whole number, empty when it is absent, not a number, or has a fraction. */
    public final OptionalLong getLong(String name) {
        Object value = fields.get(name);
        if (value instanceof Long) {
            return OptionalLong.of((Long) value);
        }
        if (value instanceof Number) {
            Number number = (Number) value;
            double asDouble = number.doubleValue();
            if (asDouble == Math.rint(asDouble) && Math.abs(asDouble) < 0x1p63) {
                return OptionalLong.of(number.longValue());
            }
        }
        return OptionalLong.empty();
    }

    /** The field as a nested object, empty when it is absent or not an object. */
    @SuppressWarnings("unchecked")
    public final Optional<Map<String, Object>> getObject(String name) {
        Object value = fields.get(name);
        return value instanceof Map ? Optional.of((Map<String, Object>) value) : Optional.empty();
    }

    /** The field as a list, empty when it is absent or not a list. */
    @SuppressWarnings("unchecked")
    public final List<Object> getList(String name) {
        Object value = fields.get(name);
        return value instanceof List ? (List<Object>) value : List.of();
    }

    /** The field as a list of strings, leaving out elements that are not strings. */
    public final List<String> getStringList(String name) {
        return getList(name).stream()
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .toList();
    }

    /**
     * The field as an instant: an RFC 3339 string or epoch milliseconds. Empty when it is absent or neither.
     */
    public final Optional<Instant> getInstant(String name) {
        Object value = fields.get(name);
        if (value instanceof String) {
            try {
                return Optional.of(Instant.parse((String) value));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        OptionalLong millis = getLong(name);
        return millis.isPresent() ? Optional.of(Instant.ofEpochMilli(millis.getAsLong())) : Optional.empty();
    }

    /** The nested object under {@code name} as a {@link ChatObject}, empty when absent or not an object. */
    public final Optional<ChatObject> getChatObject(String name) {
        return getObject(name).map(ChatObject::new);
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && fields.equals(((ChatObject) other).fields);
    }

    @Override
    public final int hashCode() {
        return fields.hashCode();
    }

    /** The class name and the id, if any; never other fields, which may hold chat content or tokens. */
    @Override
    public String toString() {
        Object id = fields.get("id");
        return getClass().getSimpleName() + (id == null ? "{}" : "{id=" + id + "}");
    }
}
