package dev.chathooks.processor.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes JSON lines (one JSON value and a {@code \n} each), the form of the invocation log, of dumps and of
 * dead-letter exports. Not thread-safe: a writer shared by threads is guarded by its owner.
 */
public final class JsonLineWriter implements Closeable, Flushable {
    private final Writer writer;

    /** @param writer where the lines go; buffered here unless it is a {@link BufferedWriter} already */
    public JsonLineWriter(Writer writer) {
        this.writer = writer instanceof BufferedWriter ? writer : new BufferedWriter(writer);
    }

    /** Writes {@code line} as one line of compact JSON. */
    public void writeLine(JsonNode line) throws IOException {
        writer.write(Json.fileMapper().writeValueAsString(line));
        writer.write('\n');
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
