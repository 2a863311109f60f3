/**
 * Reading the lookup tables (global stores over compacted topics): raw values from a store ({@code StoreTableReader}),
 * the hook API's {@code LookupTable} over them, and records kept parsed ({@code ParsedTable}) and exact through the
 * tables' change notices ({@code TableChanges}).
 */
package dev.chathooks.processor.tables;
