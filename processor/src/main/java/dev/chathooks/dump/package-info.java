/**
 * Topic dumps: the JSON-lines file format of recorded topics ({@link dev.chathooks.dump.TopicDumpReader},
 * {@link dev.chathooks.dump.JsonLinesWriter}), and moving dumps between files and live topics: loading a dump into
 * topics ({@link dev.chathooks.dump.DumpLoader}) and reading topics into one ({@link dev.chathooks.dump.TopicDumper}).
 */
package dev.chathooks.dump;
