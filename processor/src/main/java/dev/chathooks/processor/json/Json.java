package dev.chathooks.processor.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processor's one JSON configuration, and conversions between Jackson trees and the plain Java values the
 * hook API uses.
 *
 * <p>Input comes from a chat server we do not control, so reading is bounded: nesting deeper than
 * {@link #MAX_NESTING_DEPTH} or a string longer than {@link #MAX_STRING_LENGTH} fails the parse (the record is
 * dead-lettered as {@code too-large}) instead of exhausting the stack or the heap.
 */
public final class Json {
    /** Deepest nesting of objects and arrays accepted in input. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest string value accepted in input, in characters. */
    public static final int MAX_STRING_LENGTH = 1 << 20;

    /** How deep our own formats put input records (an event inside an invocation): they may nest that much more. */
    private static final int OWN_FORMAT_NESTING = 4;

    private static final ObjectMapper MAPPER = createMapper(MAX_NESTING_DEPTH, MAX_STRING_LENGTH, true);
    /**
     * Duplicate-key detection allocates a set per object read: half of the garbage of decoding an invocation. It
     * guards input, not bytes this processor wrote.
     */
    private static final ObjectMapper OWN_FORMATS_MAPPER =
            createMapper(MAX_NESTING_DEPTH + OWN_FORMAT_NESTING, MAX_STRING_LENGTH, false);
    /** Files a user hands us (dumps) may hold records the topology will reject as too large: read them whole. */
    private static final ObjectMapper FILE_MAPPER = createMapper(4096, Integer.MAX_VALUE, true);

    private Json() {}

    private static ObjectMapper createMapper(int maxNestingDepth, int maxStringLength, boolean rejectDuplicateKeys) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .maxStringLength(maxStringLength)
                        .build())
                .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, rejectDuplicateKeys)
                .build();
        // Numbers stay as the chat server wrote them: a fraction or exponent is read as a BigDecimal (a double
        // would turn 1e400 into Infinity and round long fractions), with its trailing zeros kept.
        return new ObjectMapper(factory)
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The mapper for the processor's own formats (invocations, conversation state): bytes it wrote from trees that
     * {@link #mapper()} read, so it does not look for duplicate keys again. Never for input.
     */
    public static ObjectMapper ownFormatsMapper() {
        return OWN_FORMATS_MAPPER;
    }

    /** A mapper for files users give us, whose lines may be far larger or deeper than the topology accepts. */
    public static ObjectMapper fileMapper() {
        return FILE_MAPPER;
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty array node. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** The node as plain Java values: maps, lists, strings, numbers, booleans and null. */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return toMap(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                list.add(toJava(item));
            }
            return Collections.unmodifiableList(list);
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.isBigDecimal() ? decimal(node.decimalValue()) : node.doubleValue();
        }
        return node.asText();
    }

    /**
     * A number with a fraction or exponent as the hook API gives it: a {@code Double} when the double is exactly
     * the number written (as most are), else the {@code BigDecimal}, so that no value changes on the way.
     */
    private static Number decimal(BigDecimal exact) {
        double approximation = exact.doubleValue();
        if (Double.isFinite(approximation) && new BigDecimal(Double.toString(approximation)).compareTo(exact) == 0) {
            return approximation;
        }
        return exact;
    }

    /** An object node as an insertion-ordered map of plain Java values; empty for anything else. */
    public static Map<String, Object> toMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, Object> map = new LinkedHashMap<>(node.size() * 4 / 3 + 1);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), toJava(field.getValue()));
        }
        return map;
    }

    /** Plain Java values (as produced by {@link #toJava}, or any JSON-shaped map) as a tree. */
    public static JsonNode toNode(Object value) {
        return MAPPER.valueToTree(value);
    }
}
