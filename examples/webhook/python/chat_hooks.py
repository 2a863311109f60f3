"""Skygear Chat's hook decorators for Chat Hooks' webhook hook: write hooks in Python as Skygear users did.

Decorate functions with the seed's nine decorators, then serve them: either run a file of decorated functions with
``python3 -m chat_hooks hooks.py`` (or ``python3 path/to/chat_hooks.py hooks.py``), so that Skygear hook files run
with only their imports changed, or call ``serve()`` at the end of a script::

    from chat_hooks import *

    @after_message_sent
    def after_message_sent_hook(message, conversation, participants):
        print('Message [%s] is sent to conversation [%s].' % (message['body'], conversation['title']))

    serve(port=8000, secret='whsec_...')

``serve`` runs an HTTP server for a webhook instance of Chat Hooks (``hook.<name>.url`` pointing at it, the same
``hook.<name>.secret``). For every request it checks the Standard Webhooks signature (with any of the configured
secrets) and timestamp (at most five minutes off), calls every function decorated for the request's kind with the
seed's arguments, and answers 204 only after they all returned, or 500 if one raised, so that Chat Hooks retries
the call, and later dead-letters it. Records arrive as dicts (JSON objects with every field the chat server sent);
several functions may take the same kind, and are called in the order they were decorated. Calls for one
conversation come one at a time and in order; calls for different conversations may run at once on different
threads.

Standard library only; Python 3.9 or later; no install step: put this file next to your hooks.
"""

import base64
import binascii
import hashlib
import hmac
import importlib.util
import json
import os
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = [
    'after_message_sent', 'after_message_updated', 'after_message_deleted', 'typing_started',
    'after_conversation_created', 'after_conversation_updated', 'after_conversation_deleted',
    'after_users_added_to_conversation', 'after_users_removed_from_conversation',
    'deserialize_record', 'current_user_id', 'current_event_id', 'serve', 'verify', 'WebhookVerificationError',
]

#: The seed's nine kinds and the parameters their functions take, in order.
PARAMETERS = {
    'after_message_sent': ('message', 'conversation', 'participants'),
    'after_message_updated': ('message', 'conversation', 'participants'),
    'after_message_deleted': ('message', 'conversation', 'participants'),
    'typing_started': ('conversation', 'participants', 'events'),
    'after_conversation_created': ('conversation', 'participants'),
    'after_conversation_updated': ('conversation', 'participants'),
    'after_conversation_deleted': ('conversation', 'participants'),
    'after_users_added_to_conversation': ('conversation', 'participants', 'new_users'),
    'after_users_removed_from_conversation': ('conversation', 'participants', 'old_users'),
}

#: How far a request's timestamp may be from this machine's clock, as Standard Webhooks recommends.
TOLERANCE_SECONDS = 5 * 60

_functions = {kind: [] for kind in PARAMETERS}
_call = threading.local()


def _decorator(kind):
    def decorate(function):
        _functions[kind].append(function)
        return function
    decorate.__name__ = kind
    decorate.__doc__ = 'Calls the decorated function(%s) after each %s call.' % (
        ', '.join(PARAMETERS[kind]), kind)
    return decorate


after_message_sent = _decorator('after_message_sent')
after_message_updated = _decorator('after_message_updated')
after_message_deleted = _decorator('after_message_deleted')
typing_started = _decorator('typing_started')
after_conversation_created = _decorator('after_conversation_created')
after_conversation_updated = _decorator('after_conversation_updated')
after_conversation_deleted = _decorator('after_conversation_deleted')
after_users_added_to_conversation = _decorator('after_users_added_to_conversation')
after_users_removed_from_conversation = _decorator('after_users_removed_from_conversation')


class RecordID(str):
    """A record's id; ``.key`` gives it as Skygear's record ids did (``participant.id.key``)."""

    @property
    def key(self):
        return str(self)


class Record(dict):
    """A record as a dict, with ``.id`` as Skygear's deserialized records had it."""

    @property
    def id(self):
        return RecordID(self.get('id', ''))


def deserialize_record(record):
    """Records already arrive as dicts: this keeps Skygear code that calls it working, and adds ``.id.key``."""
    return Record(record) if isinstance(record, dict) else record


def current_user_id():
    """The user who acted (the event's ``actor``) in the call being handled on this thread, or None."""
    return getattr(_call, 'actor', None)


def current_event_id():
    """The event id of the call being handled on this thread (the same on every retry), or None."""
    return getattr(_call, 'event_id', None)


class WebhookVerificationError(Exception):
    """A request is not signed by Chat Hooks with a configured secret, or is too old or too new."""


def _keys(secrets):
    if isinstance(secrets, str):
        secrets = secrets.split(',')
    keys = []
    for position, secret in enumerate((s.strip() for s in secrets if s.strip()), start=1):
        if not secret.startswith('whsec_'):
            raise ValueError('secret %d does not start with whsec_' % position)
        try:
            keys.append(base64.b64decode(secret[len('whsec_'):], validate=True))
        except (binascii.Error, ValueError):
            raise ValueError('secret %d is not whsec_ followed by base64' % position) from None
    if not keys:
        raise ValueError('no secret is given: set it to the webhook instance\'s hook.<name>.secret')
    return keys


def verify(secrets, headers, body, now=None):
    """Checks a request's Standard Webhooks signature and timestamp; raises WebhookVerificationError if wrong.

    ``secrets`` is one ``whsec_...`` secret, several comma-separated, or a list; a signature made with any of them
    is accepted. ``headers`` maps the ``webhook-id``, ``webhook-timestamp`` and ``webhook-signature`` headers (any
    case); ``body`` is the exact bytes received; ``now`` is Unix seconds (default: the clock).
    """
    _verify(_keys(secrets), headers, body, now)


def _verify(keys, headers, body, now=None):
    lower = {name.lower(): value for name, value in headers.items()}
    webhook_id = lower.get('webhook-id')
    timestamp = lower.get('webhook-timestamp')
    signatures = lower.get('webhook-signature')
    if not webhook_id or not timestamp or not signatures:
        raise WebhookVerificationError('missing webhook-id, webhook-timestamp or webhook-signature header')
    try:
        sent = int(timestamp)
    except ValueError:
        raise WebhookVerificationError('webhook-timestamp is not a whole number of seconds') from None
    now = time.time() if now is None else now
    if abs(now - sent) > TOLERANCE_SECONDS:
        raise WebhookVerificationError('webhook-timestamp is more than five minutes from this machine\'s clock')
    signed = webhook_id.encode() + b'.' + timestamp.encode() + b'.' + body
    expected = [base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()) for key in keys]
    for signature in signatures.split(' '):
        version, _, value = signature.partition(',')
        if version == 'v1' and any(hmac.compare_digest(value.encode(), e) for e in expected):
            return
    raise WebhookVerificationError('no signature matches a configured secret')


def _call_functions(event):
    kind = event.get('type')
    data = event.get('data') or {}
    arguments = [data.get(name) for name in PARAMETERS[kind]]
    _call.actor = event.get('actor')
    _call.event_id = event.get('id')
    try:
        for function in list(_functions[kind]):
            function(*arguments)
    finally:
        _call.actor = None
        _call.event_id = None


class _Handler(BaseHTTPRequestHandler):
    # Keep-alive: Chat Hooks reuses its connections.
    protocol_version = 'HTTP/1.1'
    server_version = 'chat-hooks-python'

    def do_POST(self):
        length = self.headers.get('Content-Length')
        if length is None:
            self._answer(411, 'a Content-Length is required')
            return
        body = self.rfile.read(int(length))
        try:
            _verify(self.server.keys, self.headers, body)
        except WebhookVerificationError as e:
            self._answer(401, str(e))
            return
        try:
            event = json.loads(body)
        except ValueError:
            self._answer(400, 'the body is not JSON')
            return
        if not isinstance(event, dict) or event.get('type') not in PARAMETERS:
            self._answer(400, 'the type is not one of the nine hook kinds')
            return
        try:
            _call_functions(event)
        except Exception as e:  # a hook function failed: Chat Hooks retries the call
            traceback.print_exc()
            self._answer(500, 'a hook function raised %s' % type(e).__name__)
            return
        self._answer(204, '')

    def _answer(self, status, reason):
        data = reason.encode()
        self.send_response(status)
        self.send_header('Content-Length', str(len(data)))
        if data:
            self.send_header('Content-Type', 'text/plain; charset=utf-8')
        self.end_headers()
        self.wfile.write(data)

    def log_request(self, code='-', size='-'):
        # Only refused and failed requests are worth a line; the request line carries no content.
        try:
            failed = int(code) >= 400
        except (TypeError, ValueError):
            failed = False
        if failed:
            sys.stderr.write('chat_hooks: %s %d\n' % (self.requestline, int(code)))


class _Server(ThreadingHTTPServer):
    daemon_threads = True


def make_server(port=0, secret=None, host='0.0.0.0'):
    """The server that ``serve`` runs, not started: for tests and embedding (``server.serve_forever()``)."""
    server = _Server((host, port), _Handler)
    server.keys = _keys(secret)
    return server


def serve(port=None, secret=None, host='0.0.0.0'):
    """Serves the decorated functions until interrupted.

    ``port`` defaults to the environment variable ``PORT`` (else 8000), ``secret`` to ``WEBHOOK_SECRET``: the
    webhook instance's ``hook.<name>.secret``, one ``whsec_...`` or several comma-separated.
    """
    if port is None:
        port = int(os.environ.get('PORT', '8000'))
    if secret is None:
        secret = os.environ.get('WEBHOOK_SECRET')
        if not secret:
            sys.exit('chat_hooks: set WEBHOOK_SECRET (or pass secret=...) to the webhook\'s hook.<name>.secret')
    try:
        server = make_server(port, secret, host)
    except ValueError as e:
        sys.exit('chat_hooks: the secret is not valid: %s' % e)
    # Print calls as they happen, also when the output is a pipe (a container's log).
    if hasattr(sys.stdout, 'reconfigure'):
        sys.stdout.reconfigure(line_buffering=True)
    counted = sum(len(functions) for functions in _functions.values())
    sys.stderr.write('chat_hooks: serving %d hook function(s) on http://%s:%d\n'
                     % (counted, host, server.server_address[1]))
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _load(path):
    """Imports a file of decorated functions as a module named after it, with its folder importable."""
    if not os.path.isfile(path):
        sys.exit('chat_hooks: %s is not a file of hook functions' % path)
    folder = os.path.dirname(os.path.abspath(path))
    if folder not in sys.path:
        sys.path.insert(0, folder)
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


def main(argv=None):
    """``python3 -m chat_hooks HOOKS.py...``: imports the files of decorated functions and serves them."""
    import argparse
    parser = argparse.ArgumentParser(
        prog='python3 -m chat_hooks',
        description='Imports files of functions decorated with the seed\'s nine decorators (Skygear hook files '
                    'with their imports changed to chat_hooks) and serves them to a Chat Hooks webhook instance.',
        epilog='PORT and WEBHOOK_SECRET come from the environment unless --port and --secret are given.')
    parser.add_argument('files', nargs='+', metavar='HOOKS.py', help='a file of decorated functions')
    parser.add_argument('--port', type=int, help='the port to serve on (default: $PORT, else 8000)')
    parser.add_argument('--secret', help='the hook\'s hook.<name>.secret (default: $WEBHOOK_SECRET)')
    parser.add_argument('--host', default='0.0.0.0', help='the address to serve on (default: all)')
    args = parser.parse_args(argv)
    for path in args.files:
        _load(path)
    if not any(_functions.values()):
        sys.exit('chat_hooks: %s decorated no function with one of the nine decorators (%s)'
                 % (', '.join(args.files), ', '.join(PARAMETERS)))
    serve(port=args.port, secret=args.secret, host=args.host)


if __name__ == '__main__':
    # Run as `python3 -m chat_hooks` or as a script, this module is `__main__`; the hooks files import `chat_hooks`,
    # which must be this same module (its decorators fill the table that serve() reads), not a second copy.
    sys.modules.setdefault('chat_hooks', sys.modules[__name__])
    main()
