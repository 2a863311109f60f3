/**
 * JSON shared by the processor: its one bounded Jackson configuration and the conversions to the hook API's plain
 * values ({@code Json}), {@code RawJsonWriter}, which copies values already serialized instead of serializing them
 * again, and the encoding of records hooks write ({@code HookRecordValues}).
 */
package dev.chathooks.processor.json;
