/**
 * The webhook's request body: a hook call's arguments ({@code CallData}) written as a CloudEvents 1.0 structured JSON
 * document ({@code CloudEventWriter}).
 */
package dev.chathooks.examples.webhook.payload;
