/**
 * A simulated chat server ({@code ChatSimulator}): deterministic, realistic traffic of the event contract, for the
 * demo, tests and benchmarks.
 */
package dev.chathooks.devtools.simulation;
