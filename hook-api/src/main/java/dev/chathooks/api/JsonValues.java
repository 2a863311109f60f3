package dev.chathooks.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, immutable copies of JSON-shaped Java values. Records keep their fields in this form, so a hook can hand a
 * nested map or list to anyone without fear of it changing.
 */
final class JsonValues {
    private JsonValues() {
    }

    /**
     * Copies a JSON object given as a map into an unmodifiable, insertion-ordered map whose nested maps and lists
     * are unmodifiable too.
     *
     * @throws IllegalArgumentException if a key is not a string or a value is not JSON-shaped
     */
    static Map<String, Object> copyObject(Map<String, ?> fields) {
        Map<String, Object> copy = new LinkedHashMap<>(fields.size() * 4 / 3 + 1);
        for (Map.Entry<String, ?> entry : fields.entrySet()) {
            Object key = entry.getKey();
            if (!(key instanceof String)) {
                throw new IllegalArgumentException("field names must be strings, got " + describe(key));
            }
            copy.put((String) key, copyValue(entry.getValue(), (String) key));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Long || value instanceof Double || value instanceof BigDecimal
                || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof CharSequence) {
            return value.toString();
        }
        if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            Map<String, Object> copy = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw new IllegalArgumentException(
                            "field names must be strings, got " + describe(entry.getKey()) + " in " + path);
                }
                String key = (String) entry.getKey();
                copy.put(key, copyValue(entry.getValue(), path + "." + key));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Collection) {
            Collection<?> items = (Collection<?>) value;
            List<Object> copy = new ArrayList<>(items.size());
            int index = 0;
            for (Object item : items) {
                copy.add(copyValue(item, path + "[" + index++ + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(path + " holds " + describe(value)
                + "; JSON values are strings, numbers, booleans, null, maps and lists");
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }
}
