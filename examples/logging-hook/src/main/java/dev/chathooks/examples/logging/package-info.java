/**
 * The logging hook ({@code logging}): the first snippet of Skygear Chat's hook documentation as a Java hook, printing
 * one line for every hook call.
 */
package dev.chathooks.examples.logging;
