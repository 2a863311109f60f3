package dev.chathooks.processor.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawJsonWriterTest {
    @Test
    void writesStringsNumbersRawValuesAndNestingAsValidJson() throws Exception {
        String tricky =
                "quote \" backslash \\ newline \n tab \t nul \u0000 e\u0301 \u00e9 snowman \u2603 emoji \uD83D\uDE00";
        byte[] written = new RawJsonWriter(4)
                .beginObject()
                .field("plain")
                .string("c-1")
                .field("tricky")
                .string(tricky)
                .field("absent")
                .string(null)
                .field("n")
                .number(-42)
                .field("raw")
                .raw("{\"a\":[1,2,{\"b\":null}]}".getBytes(StandardCharsets.UTF_8))
                .field("list")
                .beginArray()
                .string("x")
                .string("y")
                .endArray()
                .field("empty")
                .beginArray()
                .endArray()
                .field("inner")
                .beginObject()
                .field("k")
                .number(1)
                .endObject()
                .endObject()
                .toByteArray();
        JsonNode read = Json.mapper().readTree(written);
        assertThat(read.path("plain").asText()).isEqualTo("c-1");
        assertThat(read.path("tricky").asText()).isEqualTo(tricky);
        assertThat(read.get("absent").isNull()).isTrue();
        assertThat(read.path("n").asLong()).isEqualTo(-42);
        assertThat(read.path("raw").path("a").get(2).has("b")).isTrue();
        assertThat(read.path("list").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(read.path("empty").size()).isZero();
        assertThat(read.path("inner").path("k").asInt()).isEqualTo(1);
    }

    @Test
    void onlyAPlainUtf8ObjectMayBeCopiedAsItIs() {
        assertThat(RawJsonWriter.isPlainUtf8Object(" \n{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(RawJsonWriter.isPlainUtf8Object("{}".getBytes(StandardCharsets.UTF_16)))
                .isFalse();
        assertThat(RawJsonWriter.isPlainUtf8Object("\uFEFF{}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(RawJsonWriter.isPlainUtf8Object("[1]".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(RawJsonWriter.isPlainUtf8Object(new byte[0])).isFalse();
    }

    @Test
    void namesAndArraysWrittenInAdvanceAreTheSameBytes() {
        java.util.List<String> ids = java.util.List.of("u-1", "u-\u00e9", "quote \" in");
        byte[] inAdvance = new RawJsonWriter(4)
                .beginObject()
                .field(RawJsonWriter.name("participant_ids"))
                .raw(RawJsonWriter.stringArray(ids))
                .field(RawJsonWriter.name("na\"me"))
                .number(1)
                .endObject()
                .toByteArray();
        byte[] eachTime = new RawJsonWriter(4)
                .beginObject()
                .field("participant_ids")
                .strings(ids)
                .field("na\"me")
                .number(1)
                .endObject()
                .toByteArray();
        assertThat(new String(inAdvance, StandardCharsets.UTF_8))
                .isEqualTo(new String(eachTime, StandardCharsets.UTF_8));
        assertThat(new String(RawJsonWriter.stringArray(java.util.List.of()), StandardCharsets.UTF_8))
                .isEqualTo("[]");
    }
}
