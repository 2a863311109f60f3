/**
 * Topic dumps: the JSON-lines file format of recorded topics ({@link dev.chathooks.devtools.dump.TopicDumpReader},
 * {@link dev.chathooks.devtools.dump.JsonLinesWriter}), and moving dumps between files and live topics: loading a dump into
 * topics ({@link dev.chathooks.devtools.dump.DumpLoader}) and reading topics into one ({@link dev.chathooks.devtools.dump.TopicDumper}).
 */
package dev.chathooks.devtools.dump;
