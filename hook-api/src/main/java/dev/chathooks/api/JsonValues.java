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
    private JsonValues() {}

    /**
     * Copies a JSON object given as a map into an unmodifiable, insertion-ordered map whose nested maps and lists
     * are unmodifiable too.
     *
     * @throws IllegalArgumentException if a key is not a string or a value is not JSON-shaped
     */
    static Map<String, Object> copyObject(Map<String, ?> fields) {
        try {
            return copyMap(fields);
        } catch (NotJson e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * Thrown while copying; the path to the offending value is added on the way out, so that copying a valid
     * value, as almost all are, builds no paths at all.
     */
    private static final class NotJson extends Exception {
        private final String problem;
        private String path = "";

        NotJson(String problem) {
            super(null, null, false, false);
            this.problem = problem;
        }

        NotJson in(String step) {
            path = step + path;
            return this;
        }

        @Override
        public String getMessage() {
            return path.isEmpty() ? problem : path.substring(path.startsWith(".") ? 1 : 0) + " holds " + problem;
        }
    }

    private static Map<String, Object> copyMap(Map<?, ?> map) throws NotJson {
        Map<String, Object> copy = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String)) {
                throw new NotJson("a field name that is not a string: " + describe(entry.getKey()));
            }
            String key = (String) entry.getKey();
            try {
                copy.put(key, copyValue(entry.getValue()));
            } catch (NotJson e) {
                throw e.in("." + key);
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value) throws NotJson {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Long
                || value instanceof Double
                || value instanceof BigDecimal
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
            return copyMap((Map<?, ?>) value);
        }
        if (value instanceof Collection) {
            Collection<?> items = (Collection<?>) value;
            List<Object> copy = new ArrayList<>(items.size());
            int index = 0;
            for (Object item : items) {
                try {
                    copy.add(copyValue(item));
                } catch (NotJson e) {
                    throw e.in("[" + index + "]");
                }
                index++;
            }
            return Collections.unmodifiableList(copy);
        }
        throw new NotJson(describe(value) + "; JSON values are strings, numbers, booleans, null, maps and lists");
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }
}
