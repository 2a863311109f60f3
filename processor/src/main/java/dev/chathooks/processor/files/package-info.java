/**
 * Local files and directories: deleting the temporary ones the processor, the CLI and the benchmarks make. Depends
 * on the JDK and logging only.
 */
package dev.chathooks.processor.files;
