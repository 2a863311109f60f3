"""Stand-ins for the Skygear server APIs that the seed's push notification example calls, so that it runs on Chat
Hooks with only its imports changed (``seed/push_notification.py``). ``push_users`` prints the notification it
would send, one JSON line, instead of sending it: replace it with your push service's client. (Chat Hooks' own push
hook, ``examples/push-notification``, sends through APNs and FCM.)
"""

import json
import os

__all__ = ['push_users', 'SkygearContainer', 'options']


class SkygearContainer:
    """Holds what Skygear's container held (an API key and the acting user); nothing here talks to Skygear."""

    def __init__(self, api_key=None, user_id=None, **ignored):
        self.api_key = api_key
        self.user_id = user_id


class _Options:
    """Skygear's server options; ``masterkey`` from the environment variable SKYGEAR_MASTERKEY, if any."""

    @property
    def masterkey(self):
        return os.environ.get('SKYGEAR_MASTERKEY')


options = _Options()


def push_users(container, user_ids, notification):
    """Prints what Skygear's ``push_users(container, user_ids, notification)`` would have sent, as one JSON line."""
    print(json.dumps({'user_ids': list(user_ids), 'notification': notification}, sort_keys=True))
