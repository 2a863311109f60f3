# The end-to-end test's Python receiver: example_hooks.py (the seed's first snippet, as shipped) served with one more
# function per kind that prints each call as a JSON line, so the test sees every call and its order.
#   PORT=0 WEBHOOK_SECRET=whsec_... PYTHONPATH=examples/webhook/python python3 recording_example_hooks.py
import json
import sys
import threading

import chat_hooks


class _WholeLines:
    """Standard output that writes whole lines only: calls for different conversations print on different threads,
    and print() writes a line and its end separately, so lines could otherwise interleave."""

    def __init__(self, out):
        self._out = out
        self._lock = threading.Lock()
        self._pending = threading.local()

    def write(self, text):
        pending = getattr(self._pending, 'text', '') + text
        complete, _, rest = pending.rpartition('\n')
        self._pending.text = rest
        if complete:
            with self._lock:
                self._out.write(complete + '\n')
                self._out.flush()
        return len(text)

    def flush(self):
        with self._lock:
            self._out.flush()


sys.stdout = _WholeLines(sys.stdout)

import example_hooks  # noqa: E402,F401  registers the seed's function first: it runs before the recorders


def _recorder(kind):
    def record(*arguments):
        conversation = dict(zip(chat_hooks.PARAMETERS[kind], arguments))['conversation']
        print(json.dumps({'kind': kind, 'event_id': chat_hooks.current_event_id(),
                          'conversation_id': conversation['id']}, sort_keys=True))
    return record


for kind in chat_hooks.PARAMETERS:
    getattr(chat_hooks, kind)(_recorder(kind))

chat_hooks.serve(host='127.0.0.1')
