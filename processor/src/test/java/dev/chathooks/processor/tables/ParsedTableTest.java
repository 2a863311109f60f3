package dev.chathooks.processor.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParsedTableTest {
    private final Map<String, String> table = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final TableReader reader = key -> {
        reads.incrementAndGet();
        return Optional.ofNullable(table.get(key)).map(value -> value.getBytes(StandardCharsets.UTF_8));
    };
    private final TableChanges changes = new TableChanges();

    private ParsedTable<String> parsed(int capacity) {
        ParsedTable<String> parsed = new ParsedTable<>(
                reader,
                (key, raw) -> raw.map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                        .orElse("none"),
                capacity);
        changes.listen("users", parsed);
        return parsed;
    }

    @Test
    void keepsAValueUntilTheTableChangesIt() {
        ParsedTable<String> parsed = parsed(10);
        table.put("u-1", "alice");
        assertThat(parsed.get("u-1")).isEqualTo("alice");
        assertThat(parsed.get("u-1")).isEqualTo("alice");
        assertThat(reads).hasValue(1);

        table.put("u-1", "alicia");
        changes.changed("users", "u-1");
        assertThat(parsed.get("u-1")).isEqualTo("alicia");
        assertThat(reads).hasValue(2);
    }

    @Test
    void keepsAMissingKeyUntilItArrives() {
        ParsedTable<String> parsed = parsed(10);
        assertThat(parsed.get("u-2")).isEqualTo("none");
        table.put("u-2", "bob");
        changes.changed("users", "u-2");
        assertThat(parsed.get("u-2")).isEqualTo("bob");
    }

    @Test
    void dropsEverythingWhenTheTableIsRestored() {
        ParsedTable<String> parsed = parsed(10);
        table.put("u-1", "alice");
        parsed.get("u-1");
        table.put("u-1", "restored");
        changes.changedAll("users");
        assertThat(parsed.get("u-1")).isEqualTo("restored");
    }

    @Test
    void doesNotKeepAValueReadWhileTheTableChanged() {
        table.put("u-1", "old");
        TableReader racing = key -> {
            Optional<byte[]> value = reader.get(key);
            table.put("u-1", "new"); // the updater writes and tells, after this read
            changes.changed("users", "u-1");
            return value;
        };
        ParsedTable<String> parsed = new ParsedTable<>(
                racing,
                (key, raw) -> raw.map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                        .orElse("none"),
                10);
        changes.listen("users", parsed);
        assertThat(parsed.get("u-1")).isEqualTo("old");
        assertThat(parsed.get("u-1")).as("the old value was not kept").isEqualTo("new");
    }

    @Test
    void keepsNothingWithNoCapacityAndNoMoreThanItsCapacity() {
        ParsedTable<String> none = parsed(0);
        table.put("u-1", "alice");
        none.get("u-1");
        none.get("u-1");
        assertThat(reads).hasValue(2);

        reads.set(0);
        ParsedTable<String> ten = parsed(10);
        for (int i = 0; i < 25; i++) {
            table.put("u-" + i, "user " + i);
            ten.get("u-" + i);
        }
        reads.set(0);
        for (int i = 0; i < 25; i++) {
            assertThat(ten.get("u-" + i)).isEqualTo("user " + i);
        }
        assertThat(reads.get()).as("at most ten of the 25 were kept").isGreaterThanOrEqualTo(15);
    }
}
