package dev.chathooks.processor.rewind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The control topic's messages read back as they were written; anything else is refused with a reason. */
class ControlCodecTest {
    @Test
    void everyMessageReadsBackAsItWasWritten() {
        for (ControlMessage message : new ControlMessage[] {
            new ControlMessage.RewindRequest("r-1", "push", Map.of(0, 12L, 5, 0L), 1_700_000_000_000L),
            new ControlMessage.Rewound("r-1", "push", "instance-a", Map.of(5, 0L)),
            new ControlMessage.RewindFailed("r-1", "push", "instance-b", Set.of(0, 3), "could not commit")
        }) {
            assertThat(ControlCodec.decode(ControlCodec.encode(message))).isEqualTo(message);
        }
    }

    @Test
    void whatIsNotAControlMessageIsRefused() {
        for (String text : new String[] {
            "not json",
            "{}",
            "{\"request_id\":\"r\",\"hook\":\"h\",\"type\":\"reboot\"}",
            "{\"request_id\":\"r\",\"hook\":\"h\",\"type\":\"rewind\",\"offsets\":{\"zero\":1}}"
        }) {
            assertThatThrownBy(() -> ControlCodec.decode(text.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
