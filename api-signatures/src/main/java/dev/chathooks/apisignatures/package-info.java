/**
 * The API check of the build: a package's exported types ({@link dev.chathooks.apisignatures.ApiTypes}), their
 * signature lines ({@link dev.chathooks.apisignatures.ApiSignatures}) and the comparison with a checked-in baseline
 * ({@link dev.chathooks.apisignatures.ApiBaseline}).
 */
package dev.chathooks.apisignatures;
