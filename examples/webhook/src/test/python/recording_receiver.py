# A receiver for the cross-language tests: every call of every kind is printed as one JSON line, then answered.
import json

import chat_hooks


def _recorder(kind):
    def record(*arguments):
        print(json.dumps({'kind': kind, 'event_id': chat_hooks.current_event_id(),
                          'actor': chat_hooks.current_user_id(),
                          'arguments': dict(zip(chat_hooks.PARAMETERS[kind], arguments))}, sort_keys=True))
    return record


for kind in chat_hooks.PARAMETERS:
    getattr(chat_hooks, kind)(_recorder(kind))

chat_hooks.serve(host='127.0.0.1')
