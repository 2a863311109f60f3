package dev.chathooks.examples.push.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/** Serializes payload maps; one mapper for the module (it is thread-safe once configured). */
final class PayloadJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private PayloadJson() {}

    static byte[] bytes(Map<String, Object> payload) {
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a payload of strings and maps cannot fail to serialize", e);
        }
    }
}
