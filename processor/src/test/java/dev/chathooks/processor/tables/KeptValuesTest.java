package dev.chathooks.processor.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeptValuesTest {
    @Test
    void keepsUpToItsCapacityAndDropsATenthWhenFull() {
        KeptValues<Integer, String> kept = new KeptValues<>(20);
        IntStream.range(0, 20).forEach(i -> kept.put(i, "v" + i));
        assertThat(IntStream.range(0, 20).filter(i -> kept.get(i) != null)).hasSize(20);

        kept.put(20, "v20");

        assertThat(kept.get(20)).isEqualTo("v20");
        assertThat(IntStream.range(0, 21).filter(i -> kept.get(i) != null)).hasSize(19);
    }

    @Test
    void replacingAKeptKeyDropsNothing() {
        KeptValues<Integer, String> kept = new KeptValues<>(3);
        IntStream.range(0, 3).forEach(i -> kept.put(i, "v" + i));
        kept.put(1, "again");
        assertThat(kept.get(0)).isEqualTo("v0");
        assertThat(kept.get(1)).isEqualTo("again");
        assertThat(kept.get(2)).isEqualTo("v2");
    }

    @Test
    void aCapacityOfNothingKeepsNothing() {
        KeptValues<String, String> kept = new KeptValues<>(0);
        kept.put("k", "v");
        assertThat(kept.get("k")).isNull();
    }

    @Test
    void removesAndClears() {
        KeptValues<String, String> kept = new KeptValues<>(10);
        kept.put("a", "1");
        kept.put("b", "2");
        kept.remove("a");
        assertThat(kept.get("a")).isNull();
        assertThat(kept.get("b")).isEqualTo("2");
        kept.clear();
        assertThat(kept.get("b")).isNull();
    }
}
