/**
 * Local stand-ins for APNs, FCM and webhook endpoints, which tests and the bench send to: real TLS and HTTP, no
 * network beyond this machine.
 */
package dev.chathooks.mockservers;
