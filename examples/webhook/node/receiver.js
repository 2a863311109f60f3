// A Chat Hooks webhook receiver built only on the reference libraries: `standardwebhooks` verifies each request's
// signature and timestamp, the CloudEvents SDK's `HTTP.toEvent` reads it. It answers 204 to a request that both
// accept, 401 to a bad signature, 400 to a body that is not a CloudEvent, and counts them.
//
//   npm install && PORT=8000 WEBHOOK_SECRET=whsec_... node receiver.js
//
// WEBHOOK_SECRET is the hook's `hook.<name>.secret` (several comma-separated during a rotation: any one verifies).
// It prints one line per call (kind, event id, conversation), or only the counts with QUIET=1, and the counts every
// 10 seconds (REPORT_EVERY_MS) and when stopped (Ctrl-C or SIGTERM). PORT=0 picks a free port, which it prints.
'use strict';

const http = require('node:http');
const { HTTP } = require('cloudevents');
const { Webhook } = require('standardwebhooks');

const secrets = (process.env.WEBHOOK_SECRET || '').split(',').map((s) => s.trim()).filter(Boolean);
if (secrets.length === 0) {
  console.error('receiver: set WEBHOOK_SECRET to the webhook hook\'s hook.<name>.secret');
  process.exit(2);
}
const verifiers = secrets.map((secret) => new Webhook(secret));
const port = Number(process.env.PORT || 8000);
const quiet = process.env.QUIET === '1';

const counts = { requests: 0, verified: 0, cloudEvents: 0, refused: 0, webhookIds: new Set() };

function verify(body, headers) {
  let failure;
  for (const verifier of verifiers) {
    try {
      verifier.verify(body, headers);
      return;
    } catch (e) {
      failure = e;
    }
  }
  throw failure;
}

function summary() {
  return `receiver: ${counts.requests} requests, ${counts.verified} verified by standardwebhooks, `
    + `${counts.cloudEvents} read by the CloudEvents SDK, ${counts.refused} refused, `
    + `${counts.webhookIds.size} distinct webhook-ids`;
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    counts.requests += 1;
    try {
      verify(body, request.headers);
      counts.verified += 1;
    } catch (e) {
      counts.refused += 1;
      response.writeHead(401, { 'Content-Type': 'text/plain' }).end(`signature: ${e.message}`);
      return;
    }
    let event;
    try {
      event = HTTP.toEvent({ headers: request.headers, body });
      if (Array.isArray(event)) throw new Error('a batch, not one event');
    } catch (e) {
      counts.refused += 1;
      response.writeHead(400, { 'Content-Type': 'text/plain' }).end(`not a CloudEvent: ${e.message}`);
      return;
    }
    counts.cloudEvents += 1;
    counts.webhookIds.add(request.headers['webhook-id']);
    if (!quiet) console.log(`${event.type} ${event.id} in ${event.subject}`);
    response.writeHead(204).end();
  });
});

server.listen(port, () => console.error(`receiver: listening on http://localhost:${server.address().port}/`));
const ticker = setInterval(() => console.error(summary()), Number(process.env.REPORT_EVERY_MS || 10000));
ticker.unref();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(summary());
    process.exit(0);
  });
}
