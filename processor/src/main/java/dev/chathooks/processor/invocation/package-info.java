/**
 * The invocation, one hook call to make as the enrichment topology writes it to the invocations topic: its model, its
 * versioned JSON wire form ({@code InvocationCodec}), and the invocation log's lines ({@code --output}).
 */
package dev.chathooks.processor.invocation;
